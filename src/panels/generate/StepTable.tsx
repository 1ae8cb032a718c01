/** Every generation step: the token drawn, its probability, and the candidates it was drawn from. */
import { formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import { tokenInfo } from '../../tokenizer';
import type { GenerationStep } from '../../worker/protocol';

const CANDIDATES = 5;

export function StepTable({ steps }: { steps: GenerationStep[] }) {
  const t = useT();
  return (
    <table className="step-table">
      <caption>{t('generate.steps')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('generate.step')}</th>
          <th scope="col">{t('generate.chosen')}</th>
          <th scope="col">{t('generate.p')}</th>
          <th scope="col">{t('generate.candidates')}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.index} data-token-id={s.tokenId} data-prob={s.prob}>
            <td>{s.index + 1}</td>
            <td>
              <code>{tokenInfo(s.tokenId).display}</code>
            </td>
            <td>{formatPercent(s.prob)}</td>
            <td className="candidates">
              {s.top.slice(0, CANDIDATES).map((c) => (
                <span key={c.id} className={c.id === s.tokenId ? 'candidate chosen' : 'candidate'}>
                  <code>{tokenInfo(c.id).display}</code> {formatPercent(c.prob)}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
