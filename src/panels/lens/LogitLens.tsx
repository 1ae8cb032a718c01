/**
 * The logit lens: what GPT-2 would predict if it stopped after each block. Every layer
 * boundary's residual stream is read out through the final LayerNorm and W_U (asked of
 * the worker when this panel is shown); the grid shows the top token and its
 * probability, or the probability of the token that actually came next. Hover a cell for
 * its top five; click one (or use the arrow keys and Enter) to follow it below and
 * select that token everywhere.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { logitLensGrid, settlingLayer, type LensCell } from '../../analysis/logit-lens';
import { formatPercent } from '../../util/format';
import { hideTooltip, showTooltip } from '../../charts/tooltip';
import { useT, type TFunction } from '../../i18n';
import { useActions, useFollowUp } from '../../store';
import { tokenInfo } from '../../tokenizer';
import { ExportButtons } from '../../ui/ExportButtons';
import { useTraceView } from '../../ui/use-trace';
import { Waiting } from '../../ui/Waiting';
import { drawLensChart, metricValue, type LensMetric } from './lens-chart';
import '../../ui/explore-panel.css';
import './lens.css';
import { blockHook } from '../../model/hooks';
import { tokenName } from '../../ui/describe';

/**
 * A token as it reads inside a sentence: quoted, so that a punctuation token is not taken
 * for the sentence's own ("after “,” the model…", not "after ,, the model…").
 */
const quoted = (text: string) => `“${text}”`;
const display = (id: number) => tokenInfo(id).display;
const inProse = (id: number) => quoted(display(id));

/** Row l of the grid: l = 0 is the embeddings, l = n_layer the model's output. */
export function lensRowLabel(t: TFunction, layer: number, nLayer: number): string {
  if (layer === 0) return t('lens.row.embed');
  return layer === nLayer ? t('lens.row.output', { block: layer - 1 }) : t('lens.row.block', { block: layer - 1 });
}

function topList(cell: LensCell): string {
  return cell.top.map((s) => `${inProse(s.id)} ${formatPercent(Math.exp(s.logprob))}`).join(', ');
}

export function LogitLens() {
  const t = useT();
  const { selectPosition } = useActions();
  const { summary, labels, position } = useTraceView();
  const [metric, setMetric] = useState<LensMetric>('top');
  const [focus, setFocus] = useState<{ layer: number; position: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const asked = useFollowUp('logitLens');
  const lens = asked.status === 'done' ? asked.value.lens : null;
  const grid = useMemo(() => (summary && lens ? logitLensGrid(summary, lens) : null), [summary, lens]);
  const nLayer = summary?.config.n_layer ?? 0;
  const rowLabels = useMemo(
    () => Array.from({ length: nLayer + 1 }, (_, l) => lensRowLabel(t, l, nLayer)),
    [t, nLayer],
  );
  const T = grid?.[0].length ?? 0;
  // The focused cell follows the selected token until the user picks a cell of their own.
  const current = focus && focus.position < T && focus.layer <= nLayer ? focus : { layer: nLayer, position };

  useEffect(() => {
    if (!svg.current || !grid) return;
    drawLensChart(svg.current, grid, {
      metric,
      rowLabels,
      colLabels: labels,
      tokenText: display,
      label: t('lens.chart', { layers: nLayer + 1, T }),
      focus: current,
      onHover: (cell, event) => {
        if (!cell || !event) return hideTooltip();
        showTooltip(event.clientX, event.clientY, {
          title: `${rowLabels[cell.layer]} · ${tokenName(labels, cell.position)}`,
          rows: [
            [t('lens.tip.top'), topList(cell)],
            [
              t('lens.tip.next'),
              cell.nextId === null ? t('lens.none') : `${display(cell.nextId)} ${formatPercent(cell.nextProb!)}`,
            ],
            [
              t('tooltip.origin'),
              `${cell.layer === nLayer ? blockHook(nLayer - 1, 'hook_resid_post') : blockHook(cell.layer, 'hook_resid_pre')} → ln_f → W_U`,
            ],
          ],
        });
      },
      onSelect: (cell) => {
        setFocus({ layer: cell.layer, position: cell.position });
        selectPosition(cell.position);
      },
    });
  }, [grid, metric, rowLabels, labels, t, nLayer, T, current.layer, current.position, selectPosition]);
  useEffect(() => hideTooltip, []);

  if (!summary) return <Waiting />;
  if (!grid) {
    return (
      <section className="explore-panel lens-panel" aria-labelledby="lens-title" aria-busy={asked.status !== 'error'}>
        <h3 id="lens-title">{t('lens.title')}</h3>
        {asked.status === 'error' ? (
          <p className="error" role="alert">
            {t('trace.error', { message: asked.error })}
          </p>
        ) : (
          <p className="muted waiting">{t('lens.computing', { layers: nLayer, T: summary.tokenIds.length })}</p>
        )}
      </section>
    );
  }
  const cell = grid[current.layer][current.position];
  const settles = settlingLayer(grid, current.position);

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocus({
        layer: Math.min(nLayer, Math.max(0, current.layer + move[0])),
        position: Math.min(T - 1, Math.max(0, current.position + move[1])),
      });
    } else if (e.key === 'Enter') {
      selectPosition(current.position);
    }
  };

  return (
    <section className="explore-panel lens-panel" aria-labelledby="lens-title">
      <h3 id="lens-title">{t('lens.title')}</h3>
      <p className="explain">{t('lens.explain')}</p>
      <div className="explore-controls" role="radiogroup" aria-label={t('lens.metric')}>
        {(['top', 'next'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="lens-metric" checked={metric === m} onChange={() => setMetric(m)} />{' '}
            {t(`lens.metric.${m}`)}
          </label>
        ))}
        <ExportButtons target={chart} name={t('lens.title')} />
      </div>
      <div className="lens-scroll" ref={chart}>
        <svg ref={svg} className="lens-chart" tabIndex={0} onKeyDown={onKey} data-testid="lens-chart" />
      </div>
      <p className="muted">{t('lens.legend')}</p>
      <div
        className="lens-detail"
        aria-live="polite"
        data-testid="lens-detail"
        data-layer={cell.layer}
        data-position={cell.position}
        data-value={metricValue(cell, metric) ?? ''}
      >
        <p>
          {t('lens.detail', {
            row: rowLabels[cell.layer],
            token: `#${cell.position} ${quoted(labels[cell.position])}`,
          })}{' '}
          <strong>{topList(cell)}</strong>
        </p>
        <p>
          {cell.nextId === null
            ? t('lens.detail.last')
            : t('lens.detail.next', {
                token: inProse(cell.nextId),
                p: formatPercent(cell.nextProb!),
                final: formatPercent(grid[nLayer][cell.position].nextProb!),
              })}
        </p>
        <p>
          {settles === 0
            ? t('lens.settle.embed', { token: inProse(grid[nLayer][cell.position].topId) })
            : t('lens.settle', { token: inProse(grid[nLayer][cell.position].topId), row: rowLabels[settles] })}
        </p>
      </div>
    </section>
  );
}
