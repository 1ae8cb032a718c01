/**
 * LayerNorm (ln1 before attention, ln2 before the MLP): each token's vector is centred
 * by its mean, divided by its standard deviation, then scaled by γ and shifted by β.
 * Shows the per-token mean and std and the vectors before and after.
 */
import { useT } from '../../i18n';
import { blockHook, hookShape } from '../../model/hooks';
import type { LayerNormTrace, Matrix } from '../../model/types';
import { tokenByDim, tokenName } from '../../ui/describe';
import { Figure } from '../../ui/Figure';
import { formatValue } from '../../ui/hover-info';
import type { StepProps } from './step-props';

interface Props extends StepProps {
  site: 'ln1' | 'ln2';
  input: Matrix;
}

function StatsTable({
  ln,
  labels,
  position,
  onSelectToken,
}: {
  ln: LayerNormTrace;
  labels: string[];
  position: number;
  onSelectToken: (p: number) => void;
}) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="ln-stats" data-testid="ln-stats">
        <caption>{t('block.ln.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('block.ln.token')}</th>
            <th scope="col">{t('block.ln.mean')}</th>
            <th scope="col">{t('block.ln.std')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((_, i) => (
            <tr key={i} className={i === position ? 'selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="token-link"
                  aria-pressed={i === position}
                  onClick={() => onSelectToken(i)}
                >
                  {tokenName(labels, i)}
                </button>
              </th>
              <td data-testid={`ln-mean-${i}`}>{formatValue(ln.mean[i])}</td>
              <td data-testid={`ln-std-${i}`}>{formatValue(ln.std[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LayerNormStep(props: Props) {
  const t = useT();
  const { block, site, input, labels, position, config, onHover, onSelectToken } = props;
  const ln = block[site];
  const inputHook = blockHook(block.layer, site === 'ln1' ? 'hook_resid_pre' : 'hook_resid_mid');
  // hook_normalized is taken after γ and β, as in TransformerLens: the vector the sub-layer reads.
  const outputHook = blockHook(block.layer, `${site}.hook_normalized`);
  const shape = hookShape(`${site}.hook_normalized`, config, input.rows);
  const describeIn = tokenByDim(t, labels, t(`block.ln.${site}.input`), inputHook, shape);
  const describeOut = tokenByDim(t, labels, t(`block.ln.${site}.output`), outputHook, shape);
  return (
    <>
      <p className="step-numbers" data-testid="ln-selected">
        {t('block.ln.selected', {
          token: tokenName(labels, position),
          mean: formatValue(ln.mean[position]),
          std: formatValue(ln.std[position]),
          eps: config.layer_norm_epsilon,
        })}
      </p>
      <Figure
        caption={t(`block.ln.${site}.input`)}
        matrix={input}
        rowLabels={labels}
        kind="signed"
        describe={describeIn}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId={`${site}-input`}
      />
      <Figure
        caption={t(`block.ln.${site}.output`)}
        matrix={ln.out}
        rowLabels={labels}
        kind="signed"
        describe={describeOut}
        onHover={onHover}
        onSelectRow={onSelectToken}
        markRow={position}
        testId={`${site}-output`}
      />
      <StatsTable ln={ln} labels={labels} position={position} onSelectToken={onSelectToken} />
    </>
  );
}
