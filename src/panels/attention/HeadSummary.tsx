/** Where each visible head looks, in words and numbers: the readable (and screen-readable) twin of the lines. */
import { useHeadColor } from '../../ui/theme';
import type { HeadWeights } from '../../charts/attention-lines';
import { useT } from '../../i18n';
import type { AttentionDirection } from '../../store';
import { formatValue } from '../../ui/hover-info';
import { tokenName } from '../../ui/describe';
import { topTargets } from '../../analysis/top-targets';

export function HeadSummary({
  heads,
  labels,
  direction,
}: {
  heads: HeadWeights[];
  labels: string[];
  direction: AttentionDirection;
}) {
  const t = useT();
  const headColor = useHeadColor();
  return (
    <table className="head-summary" data-testid="head-summary">
      <caption>{t(`attention.summary.caption.${direction}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('attention.summary.head')}</th>
          <th scope="col">{t('attention.summary.top')}</th>
        </tr>
      </thead>
      <tbody>
        {heads.map(({ head, weights }) => (
          <tr key={head} data-head={head}>
            <th scope="row">
              <span className="swatch-colour" style={{ background: headColor(head) }} aria-hidden="true" /> {head}
            </th>
            <td>
              {topTargets(weights, 3).map((x) => (
                <span key={x.position} className="summary-target" data-position={x.position} data-weight={x.weight}>
                  {tokenName(labels, x.position)} <strong>{formatValue(x.weight)}</strong>
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
