/**
 * The parameter tally beside the stepper: how many of the model's weights the stages so
 * far have used, by kind of matrix, as a stacked bar and a table. Counted from the loaded
 * model's config (src/analysis/param-tally.ts, checked against the weight manifests in
 * tests). GPT-3's 175 billion gives the scale.
 */
import { useEffect, useMemo, useRef } from 'react';
import { GPT3_PARAMS, parameterTally, tallyOf, tallyTotal } from '../../analysis/param-tally';
import { formatCount } from '../../util/format';
import type { GPT2Config } from '../../model/config';
import { useT } from '../../i18n';
import { weightsUpTo } from '../../stages/registry';
import { useApp } from '../../store';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { drawTallyBar } from './tally-bar';
import './tally.css';

export function ParameterTally() {
  const config = useApp((s) => s.model.config);
  return config ? <Tally config={config} /> : null;
}

function Tally({ config }: { config: GPT2Config }) {
  const t = useT();
  const stage = useApp((s) => s.selection.stage);
  const wrap = useRef<HTMLElement>(null);
  const bar = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);
  const items = useMemo(() => parameterTally(config), [config]);
  const usedKinds = weightsUpTo(stage);
  const used = (i: (typeof items)[number]) => usedKinds.includes(i.kind);

  useEffect(() => {
    if (!bar.current) return;
    drawTallyBar(bar.current, items, {
      width: Math.max(200, width - 8),
      used,
      name: (kind) => t(`tally.kind.${kind}`),
      label: t('tally.chart'),
    });
  }); // Redrawn on every render: cheap (ten rectangles), and it depends on the stage, the width and the language.

  const total = tallyTotal(items);
  const sofar = tallyOf(items, usedKinds);
  return (
    <section
      className="tally"
      aria-labelledby="tally-title"
      ref={wrap}
      data-testid="tally"
      data-used={sofar}
      data-total={total}
    >
      <div className="tally-head">
        <h2 id="tally-title">{t('tally.title')}</h2>
        <span>
          {t('tally.sofar', {
            used: formatCount(sofar),
            total: formatCount(total),
            pct: ((100 * sofar) / total).toFixed(1),
          })}
        </span>
        <ExportButtons target={bar} name={t('tally.title')} />
      </div>
      <svg ref={bar} />
      <details>
        <summary>{t('tally.details', { gpt3: formatCount(GPT3_PARAMS / total) })}</summary>
        <table className="prediction-table tally-table">
          <thead>
            <tr>
              <th scope="col">{t('tally.col.kind')}</th>
              <th scope="col">{t('tally.col.shapes')}</th>
              <th scope="col">{t('tally.col.times')}</th>
              <th scope="col">{t('tally.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.kind} className={used(i) ? 'used' : undefined} data-kind={i.kind} data-count={i.count}>
                <td>{t(`tally.kind.${i.kind}`)}</td>
                <td>
                  <code>
                    {i.shapes.length ? i.shapes.map((s) => `[${s.join(' × ')}]`).join(' + ') : t('tally.tied')}
                  </code>
                </td>
                <td>{i.times}</td>
                <td>{formatCount(i.count)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colSpan={3}>
                {t('tally.total')}
              </th>
              <td>{formatCount(total)}</td>
            </tr>
            <tr>
              <td colSpan={3}>{t('tally.gpt3')}</td>
              <td>{formatCount(GPT3_PARAMS)}</td>
            </tr>
          </tbody>
        </table>
      </details>
    </section>
  );
}
