/**
 * Signed horizontal bars around a zero line, one row per part: a bar to the right for a
 * positive value, to the left for a negative one, coloured on a diverging scale (an effect
 * on a logit, say). Rows are focusable list items; Enter or a click selects a row that has
 * `selectable` set. Each row carries data-name and data-value with its exact number.
 */
import * as d3 from 'd3';
import { divergingScale } from './palette';
import { hideTooltip, showTooltip, type TooltipContent } from './tooltip';

export interface SignedBar {
  key: string;
  label: string;
  value: number;
  valueText: string;
  /** A row that opens something (a head) when clicked or on Enter. */
  selectable?: boolean;
}

export interface SignedBarsOptions {
  width: number;
  label: string;
  rowHeight?: number;
  describe: (bar: SignedBar) => TooltipContent;
  onSelect?: (bar: SignedBar) => void;
}

export interface SignedBarsLayout {
  labelW: number;
  valueW: number;
  /** x of the zero line, and the room for bars on each side of it. */
  zero: number;
  half: number;
  rowH: number;
  height: number;
}

/** Label column, then the bars' room split evenly around zero, then the value column. */
export function signedBarsLayout(bars: SignedBar[], width: number, rowHeight = 20): SignedBarsLayout {
  const longest = d3.max(bars, (b) => b.label.length) ?? 1;
  const labelW = Math.min(Math.max(40, 7.5 * longest + 10), width * 0.3);
  const valueW = Math.min(90, Math.max(44, 7 * (d3.max(bars, (b) => b.valueText.length) ?? 5) + 8));
  const half = Math.max(20, (width - labelW - valueW) / 2);
  return { labelW, valueW, zero: labelW + half, half, rowH: rowHeight, height: bars.length * rowHeight };
}

/** The bar's left edge and width for a value, at `half` px per `extent`. */
export function barExtent(value: number, extent: number, zero: number, half: number): { x: number; w: number } {
  const w = (Math.min(Math.abs(value), extent) / (extent || 1)) * half;
  return { x: value < 0 ? zero - w : zero, w };
}

export function drawSignedBars(
  element: SVGSVGElement,
  bars: SignedBar[],
  options: SignedBarsOptions,
): SignedBarsLayout {
  const layout = signedBarsLayout(bars, options.width, options.rowHeight);
  const extent = d3.max(bars, (b) => Math.abs(b.value)) || 1;
  const color = divergingScale('activation', extent);
  const select = (b: SignedBar) => {
    if (b.selectable) options.onSelect?.(b);
  };
  const svg = d3
    .select(element)
    .attr('width', options.width)
    .attr('height', layout.height + 4)
    .attr('role', 'list')
    .attr('aria-label', options.label);
  const rows = svg
    .selectAll<SVGGElement, SignedBar>('g.signed-bar')
    .data(bars, (b) => b.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'signed-bar').attr('tabindex', 0).attr('role', 'listitem');
      g.append('rect').attr('class', 'bar-bg').attr('fill', 'transparent');
      g.append('text').attr('class', 'bar-label').attr('dy', '0.35em').attr('text-anchor', 'end');
      g.append('rect').attr('class', 'bar-fill').attr('y', 3);
      g.append('text').attr('class', 'bar-value').attr('dy', '0.35em');
      return g;
    })
    .attr('transform', (_, i) => `translate(0,${i * layout.rowH})`)
    .attr('data-name', (b) => b.key)
    .attr('data-value', (b) => String(b.value))
    .attr('aria-label', (b) => `${b.label}: ${b.valueText}`)
    .classed('selectable', (b) => !!b.selectable)
    .style('cursor', (b) => (b.selectable ? 'pointer' : null))
    .on('pointerenter focus', function (_, b) {
      const r = this.getBoundingClientRect();
      showTooltip(r.left + layout.zero, r.top + layout.rowH / 2, options.describe(b));
    })
    .on('pointerleave blur', hideTooltip)
    .on('click', (_, b) => select(b))
    .on('keydown', (event: KeyboardEvent, b) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      select(b);
    });
  rows.select('rect.bar-bg').attr('width', options.width).attr('height', layout.rowH);
  rows
    .select('text.bar-label')
    .attr('x', layout.labelW - 6)
    .attr('y', layout.rowH / 2)
    .text((b) => b.label);
  rows
    .select('rect.bar-fill')
    .attr('x', (b) => barExtent(b.value, extent, layout.zero, layout.half).x)
    .attr('width', (b) => Math.max(1, barExtent(b.value, extent, layout.zero, layout.half).w))
    .attr('height', layout.rowH - 6)
    .attr('fill', (b) => color(b.value));
  rows
    .select('text.bar-value')
    .attr('x', layout.zero + layout.half + 6)
    .attr('y', layout.rowH / 2)
    .text((b) => b.valueText);
  svg
    .selectAll('line.zero')
    .data([null])
    .join('line')
    .attr('class', 'zero')
    .attr('x1', layout.zero)
    .attr('x2', layout.zero)
    .attr('y1', 0)
    .attr('y2', layout.height)
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.5);
  return layout;
}
