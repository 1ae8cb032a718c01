/**
 * The logit-lens grid as an SVG drawn with d3 joins: one row per layer boundary (the
 * embeddings at the top, the model's output at the bottom), one column per position.
 * Each cell names the token the model would predict there and is coloured by a
 * probability (cividis), so a prediction "forming" reads as a column getting brighter.
 */
import * as d3 from 'd3';
import type { LensCell } from '../../analysis/logit-lens';
import { probabilityScale } from '../../charts/palette';
import { clipLabel } from '../../charts/heatmap';

export type LensMetric = 'top' | 'next';

export interface LensChartOptions {
  metric: LensMetric;
  rowLabels: string[];
  colLabels: string[];
  /** The display form of a token id. */
  tokenText: (id: number) => string;
  label: string;
  focus: { layer: number; position: number } | null;
  onHover: (cell: LensCell | null, event?: MouseEvent) => void;
  onSelect: (cell: LensCell) => void;
}

export const CELL_W = 66;
export const CELL_H = 34;
const LEFT = 118;
const TOP = 24;

/** The value a cell is coloured by, or null when it has none (the actual next token at the last position). */
export const metricValue = (cell: LensCell, metric: LensMetric): number | null =>
  metric === 'top' ? cell.topProb : cell.nextProb;

/** A token short enough for a cell: 8 characters at most; the hover shows it whole. */
const shorten = (s: string) => (s.length > 8 ? `${s.slice(0, 7)}…` : s);

/** Black or white text, whichever reads better on a cividis colour. */
const inkOn = (fill: string) => (d3.hsl(fill).l > 0.55 ? '#111' : '#fff');

export function drawLensChart(svgEl: SVGSVGElement, grid: LensCell[][], o: LensChartOptions): void {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const width = LEFT + cols * CELL_W + 2;
  const height = TOP + rows * CELL_H + 2;
  const color = probabilityScale();
  const svg = d3
    .select(svgEl)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', o.label);

  svg
    .selectAll('text.lens-col')
    .data(o.colLabels)
    .join('text')
    .attr('class', 'lens-col')
    .attr('x', (_, i) => LEFT + i * CELL_W + CELL_W / 2)
    .attr('y', TOP - 8)
    .attr('text-anchor', 'middle')
    .text((d) => clipLabel(d));
  svg
    .selectAll('text.lens-row')
    .data(o.rowLabels)
    .join('text')
    .attr('class', 'lens-row')
    .attr('x', LEFT - 8)
    .attr('y', (_, i) => TOP + i * CELL_H + CELL_H / 2)
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .text((d) => d);

  const cells = svg
    .selectAll<SVGGElement, LensCell>('g.lens-cell')
    .data(grid.flat(), (d) => `${d.layer}:${d.position}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lens-cell');
      g.append('rect');
      g.append('text').attr('class', 'lens-token');
      g.append('text').attr('class', 'lens-prob');
      return g;
    })
    .attr('transform', (d) => `translate(${LEFT + d.position * CELL_W},${TOP + d.layer * CELL_H})`)
    .attr('data-layer', (d) => d.layer)
    .attr('data-position', (d) => d.position)
    .attr('data-top-id', (d) => d.topId)
    .attr('data-value', (d) => metricValue(d, o.metric) ?? '')
    .on('mousemove', (event: MouseEvent, d) => o.onHover(d, event))
    .on('mouseleave', () => o.onHover(null))
    .on('click', (_, d) => o.onSelect(d));

  const fillOf = (d: LensCell) => {
    const v = metricValue(d, o.metric);
    return v === null ? 'var(--border, #ccc)' : color(v);
  };
  cells
    .select('rect')
    .attr('width', CELL_W - 2)
    .attr('height', CELL_H - 2)
    .attr('rx', 3)
    .style('fill', fillOf)
    .style('stroke', (d) =>
      o.focus && o.focus.layer === d.layer && o.focus.position === d.position ? 'var(--accent, #2f62c8)' : 'none',
    )
    .attr('stroke-width', 2.5);
  cells
    .select('text.lens-token')
    .attr('x', (CELL_W - 2) / 2)
    .attr('y', 13)
    .attr('text-anchor', 'middle')
    .style('fill', (d) => (metricValue(d, o.metric) === null ? 'var(--fg)' : inkOn(fillOf(d))))
    .text((d) => shorten(o.tokenText(d.topId)));
  cells
    .select('text.lens-prob')
    .attr('x', (CELL_W - 2) / 2)
    .attr('y', 27)
    .attr('text-anchor', 'middle')
    .style('fill', (d) => (metricValue(d, o.metric) === null ? 'var(--fg)' : inkOn(fillOf(d))))
    .text((d) => {
      const v = metricValue(d, o.metric);
      return v === null ? '—' : `${(v * 100).toFixed(v >= 0.1 ? 0 : 1)}%`;
    });
}
