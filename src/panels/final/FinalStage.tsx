/**
 * Stage 5: the final LayerNorm and the tied unembedding. Shows ln_f's output for every
 * token, how the selected token's residual vector grew on the way, and the top logits
 * (the next-token prediction) at the selected position.
 */
import { useMemo, type ReactNode } from 'react';
import { formatCount, formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import { tokenInfo } from '../../tokenizer';
import { tokenName } from '../../ui/describe';
import { formatValue } from '../../ui/hover-info';
import { residualNorms } from '../../ui/residual-norms';
import { TokenStrip } from '../../ui/TokenStrip';
import { useTraceView } from '../../ui/use-trace';
import { Waiting } from '../../ui/Waiting';
import { PredictionTable } from './PredictionTable';

/** readouts: the views of every position's readout under the table, once the predictions are in. */
export function FinalStage({ readouts }: { readouts: ReactNode }) {
  const t = useT();
  const { summary, labels, position } = useTraceView();
  const norms = useMemo(() => (summary ? residualNorms(summary) : []), [summary]);
  // The predictions come after the trace, on this stage only (see the store's fetchReadouts).
  if (!summary || summary.predictions.length === 0) return <Waiting />;
  const T = summary.tokenIds.length;
  const token = tokenName(labels, position);
  const prediction = summary.predictions[position];
  const next = position < T - 1 ? summary.tokenIds[position + 1] : null;
  return (
    <div className="stage-body">
      <p data-testid="resid-norms" data-norms={JSON.stringify(norms.map((row) => row[position]))}>
        {t('final.norms', { token, values: norms.map((row) => formatValue(row[position])).join(' → ') })}
      </p>
      <TokenStrip
        matrix={summary.lnFinal}
        kind="activation"
        caption={t('final.caption', { hook: 'ln_final.hook_normalized' })}
        name={t('final.name')}
        hook="ln_final.hook_normalized"
        testId="lnf-strip"
      />
      <p>{t('final.formula', { T, vocab: formatCount(summary.config.vocab_size) })}</p>
      <h3>
        {t('final.position', { token })} {next === null && <span className="muted">{t('final.last')}</span>}
      </h3>
      <p>
        {next !== null && prediction.nextLogprob !== null && (
          <>
            {t('final.actual', {
              token: tokenInfo(next).display,
              p: formatPercent(Math.exp(prediction.nextLogprob)),
            })}{' '}
          </>
        )}
        {t('final.entropy', { h: prediction.entropy.toFixed(3) })}
      </p>
      <PredictionTable top={prediction.top} caption={t('final.table', { token })} />
      {readouts}
    </div>
  );
}
