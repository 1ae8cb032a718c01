/** The top next-token candidates at one position: rank, token, id, logit and probability at T = 1. */
import { formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import type { TokenScore } from '../../model/types';
import { tokenInfo } from '../../tokenizer';
import { formatValue } from '../../ui/hover-info';

export function PredictionTable({ top, caption }: { top: TokenScore[]; caption: string }) {
  const t = useT();
  const best = top[0] ? Math.exp(top[0].logprob) : 1;
  return (
    <table className="prediction-table" data-testid="top-logits">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('final.rank')}</th>
          <th scope="col">{t('final.token')}</th>
          <th scope="col">{t('final.id')}</th>
          <th scope="col">{t('final.logit')}</th>
          <th scope="col">{t('final.prob')}</th>
        </tr>
      </thead>
      <tbody>
        {top.map((s, i) => {
          const p = Math.exp(s.logprob);
          return (
            <tr key={s.id} data-token-id={s.id} data-logit={s.logit} data-prob={p}>
              <td>{i + 1}</td>
              <td>
                <code>{tokenInfo(s.id).display}</code>
              </td>
              <td>{s.id}</td>
              <td>{formatValue(s.logit)}</td>
              <td>
                <span className="inline-bar" style={{ width: `${(60 * p) / best}px` }} aria-hidden="true" />
                {formatPercent(p)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
