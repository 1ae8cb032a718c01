/**
 * Horizontal probability bars, one row per token: the bar's length and colour are the
 * probability (cividis, the app's scale for probabilities), its label the token, and
 * its value written at the end. Rows are focusable; hover or focus shows the tooltip.
 * Each row carries data-* attributes with its exact numbers.
 */
import * as d3 from 'd3';
import { probabilityScale } from './palette';
import { hideTooltip, showTooltip, type TooltipContent } from './tooltip';

export interface Bar {
  /** Stable key (e.g. the token id). */
  key: string;
  label: string;
  /** Length of the bar, 0..1. */
  value: number;
  /** Text written after the bar. */
  valueText: string;
  /** Drawn faded, e.g. a token removed by top-k or top-p. */
  muted?: boolean;
  /** Extra data-* attributes for the row (exact numbers, ids). */
  attrs?: Record<string, string>;
}

export interface BarsOptions {
  width: number;
  label: string;
  describe: (bar: Bar) => TooltipContent;
  /** Value that fills the whole width (default: the largest bar). */
  max?: number;
  rowHeight?: number;
  /** A row to outline, e.g. the sampled token. */
  highlight?: string;
}

export interface BarsLayout {
  labelW: number;
  valueW: number;
  barW: number;
  rowH: number;
  height: number;
}

export function barsLayout(bars: Bar[], width: number, rowHeight = 22): BarsLayout {
  const longest = d3.max(bars, (b) => b.label.length) ?? 1;
  const labelW = Math.min(Math.max(48, 8 * longest + 12), width * 0.35);
  const valueW = Math.min(130, Math.max(60, 7.2 * (d3.max(bars, (b) => b.valueText.length) ?? 6) + 8));
  return {
    labelW,
    valueW,
    barW: Math.max(20, width - labelW - valueW),
    rowH: rowHeight,
    height: bars.length * rowHeight,
  };
}

/** What the rows' shared listeners need from the latest draw. */
interface Drawn {
  layout: BarsLayout;
  x: d3.ScaleLinear<number, number>;
  describe: (bar: Bar) => TooltipContent;
}

const drawn = new WeakMap<SVGSVGElement, Drawn>();

/**
 * Sets an attribute only when its value changes. A slider step redraws every row, and most of
 * a row (its position, its label, its fixed sizes) stays the same: an unchanged write still
 * costs the browser a style check and every MutationObserver a record.
 */
function put(element: Element, name: string, value: string | number): void {
  const text = String(value);
  if (element.getAttribute(name) !== text) element.setAttribute(name, text);
}

/**
 * Draws (or redraws) the bars. A redraw, e.g. on every step of a temperature slider, writes
 * only what changed: the rows' structure, fixed attributes and listeners are set once, when a
 * row first appears, and the rest only where its value differs from what is drawn.
 */
export function drawBars(element: SVGSVGElement, bars: Bar[], options: BarsOptions): BarsLayout {
  const layout = barsLayout(bars, options.width, options.rowHeight);
  const max = options.max ?? (d3.max(bars, (b) => b.value) || 1);
  const x = d3.scaleLinear().domain([0, max]).range([0, layout.barW]).clamp(true);
  drawn.set(element, { layout, x, describe: options.describe });
  const color = probabilityScale(max);
  put(element, 'width', options.width);
  put(element, 'height', layout.height);
  put(element, 'role', 'list');
  put(element, 'aria-label', options.label);
  const tip = (node: SVGGElement, bar: Bar) => {
    const now = drawn.get(element)!;
    const r = node.getBoundingClientRect();
    showTooltip(r.left + now.layout.labelW + now.x(bar.value), r.top + now.layout.rowH / 2, now.describe(bar));
  };
  const rows = d3
    .select(element)
    .selectAll<SVGGElement, Bar>('g.bar')
    .data(bars, (b) => b.key)
    .join((enter) => {
      const g = enter
        .append('g')
        .attr('class', 'bar')
        .attr('tabindex', 0)
        .attr('role', 'listitem')
        .on('pointerenter focus', function (_, b) {
          tip(this, b);
        })
        .on('pointerleave blur', hideTooltip);
      g.append('rect').attr('class', 'bar-bg').attr('fill', 'transparent');
      g.append('text').attr('class', 'bar-label').attr('dy', '0.35em').attr('text-anchor', 'end');
      g.append('rect').attr('class', 'bar-fill').attr('y', 3);
      g.append('text').attr('class', 'bar-value').attr('dy', '0.35em');
      return g;
    });
  const fillX = (b: Bar) => Math.max(1, x(b.value));
  rows.each(function (b, i) {
    put(this, 'transform', `translate(0,${i * layout.rowH})`);
    put(this, 'opacity', b.muted ? 0.4 : 1);
    put(this, 'aria-label', `${b.label}: ${b.valueText}`);
    this.classList.toggle('highlight', b.key === options.highlight);
    for (const [k, v] of Object.entries(b.attrs ?? {})) put(this, `data-${k}`, v);
    // The row's four children, in the order the enter above appends them.
    const [bg, label, fill, value] = Array.from(this.children);
    put(bg, 'width', options.width);
    put(bg, 'height', layout.rowH);
    put(label, 'x', layout.labelW - 6);
    put(label, 'y', layout.rowH / 2);
    if (label.textContent !== b.label) label.textContent = b.label;
    put(fill, 'x', layout.labelW);
    put(fill, 'height', layout.rowH - 6);
    put(fill, 'width', fillX(b));
    put(fill, 'fill', color(b.value));
    put(value, 'x', layout.labelW + fillX(b) + 6);
    put(value, 'y', layout.rowH / 2);
    if (value.textContent !== b.valueText) value.textContent = b.valueText;
  });
  return layout;
}
