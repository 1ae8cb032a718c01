/**
 * The Q/K neuron view: for the selected query token and head and a chosen key token, the
 * query and key vectors, their elementwise product, and how the products add up to the
 * attention score, then the scaling by sqrt(d_head) and the softmax weight. Every number
 * is the trace's (BlockTrace.q, k, rawScores, scores, pattern).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { qkBreakdown } from '../../analysis/neurons';
import { formatPercent } from '../../util/format';
import type { HeatmapCell } from '../../charts/heatmap';
import { drawVectorStrip } from '../../charts/vector-strip';
import { useT } from '../../i18n';
import type { BlockTrace } from '../../model/types';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { blockHook } from '../../model/hooks';
import { tokenName } from '../../ui/describe';

export interface NeuronViewProps {
  block: BlockTrace;
  head: number;
  position: number;
  labels: string[];
}

export function QkNeuronView({ block, head, position, labels }: NeuronViewProps) {
  const t = useT();
  const [chosenKey, setKey] = useState<number | null>(null);
  const key = chosenKey !== null && chosenKey <= position ? chosenKey : position;
  const wrap = useRef<HTMLElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const width = useWidth(wrap);
  const b = useMemo(() => qkBreakdown(block, head, position, key), [block, head, position, key]);
  const dHead = b.q.length;
  const rowLabels = useMemo(() => [t('neuron.q'), t('neuron.k'), t('neuron.product')], [t]);

  useEffect(() => {
    if (!chart.current) return;
    const values = new Float32Array(3 * dHead);
    values.set(b.q, 0);
    values.set(b.k, dHead);
    values.set(b.products, 2 * dHead);
    drawVectorStrip(
      chart.current,
      { rows: 3, cols: dHead, values, rowLabels },
      {
        kind: 'activation',
        width: width - 8,
        rowHeight: 22,
        label: t('neuron.chart', { head, dHead }),
        describe: (c: HeatmapCell) => ({
          title: `${rowLabels[c.row]}, ${t('neuron.dim', { i: c.col })}`,
          rows: [
            [t('tooltip.value'), formatValue(c.value)],
            [t('tooltip.shape'), `[${dHead}]`],
            [
              t('tooltip.origin'),
              c.row === 0
                ? `${blockHook(block.layer, 'attn.hook_q')}[${head}, ${position}]`
                : c.row === 1
                  ? `${blockHook(block.layer, 'attn.hook_k')}[${head}, ${key}]`
                  : 'q ⊙ k',
            ],
          ],
        }),
      },
    );
  }, [b, dHead, rowLabels, width, t, head, position, key, block.layer]);

  const masked = b.scaled === -Infinity;
  return (
    <section className="explore-panel neuron-panel" aria-labelledby="neuron-title" ref={wrap}>
      <h3 id="neuron-title">{t('neuron.title')}</h3>
      <p className="explain">{t('neuron.explain')}</p>
      <div className="explore-controls">
        <span>{t('neuron.query', { token: tokenName(labels, position), head, layer: block.layer })}</span>
        <label>
          {t('neuron.key')}{' '}
          <select value={key} onChange={(e) => setKey(Number(e.target.value))}>
            {labels.slice(0, position + 1).map((label, i) => (
              <option key={i} value={i}>
                #{i} {label}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons target={chart} name={t('neuron.title')} />
      </div>
      <div ref={chart} className="strip-chart" data-testid="neuron-strip" />
      <p
        className="neuron-sum"
        data-testid="neuron-sum"
        data-sum={b.sum}
        data-traced={b.traced}
        data-scaled={b.scaled}
        data-weight={b.weight}
      >
        {t('neuron.sum', { n: dHead, sum: formatValue(b.sum), traced: formatValue(b.traced) })}{' '}
        {masked
          ? t('neuron.masked')
          : t('neuron.scaled', {
              d: dHead,
              root: formatValue(Math.sqrt(dHead)),
              scaled: formatValue(b.scaled),
              weight: formatPercent(b.weight),
            })}
      </p>
    </section>
  );
}
