/**
 * The one tooltip every chart shares: what a value is, its shape and where it came from.
 * A single absolutely positioned element in <body>, placed next to the pointer or the
 * keyboard-focused cell and kept inside the window.
 */
import * as d3 from 'd3';

export interface TooltipContent {
  title: string;
  /** Label and text pairs, e.g. ["value", "0.1234"], ["shape", "[5, 64]"]. */
  rows: [string, string][];
}

const ID = 'chart-tooltip';

function element(): d3.Selection<HTMLDivElement, null, HTMLElement, unknown> {
  const body = d3.select<HTMLElement, unknown>('body');
  return body
    .selectAll<HTMLDivElement, null>(`#${ID}`)
    .data([null])
    .join('div')
    .attr('id', ID)
    .attr('role', 'tooltip')
    .attr('class', 'chart-tooltip');
}

/** Where a box of size w x h goes next to (x, y) without leaving a viewport of vw x vh. */
export function placeTooltip(x: number, y: number, w: number, h: number, vw: number, vh: number): [number, number] {
  const gap = 12;
  const left = x + gap + w > vw ? Math.max(4, x - gap - w) : x + gap;
  const top = y + gap + h > vh ? Math.max(4, y - gap - h) : y + gap;
  return [left, top];
}

/** Shows the tooltip near viewport point (x, y). */
export function showTooltip(x: number, y: number, content: TooltipContent): void {
  const tip = element().style('display', 'block');
  tip
    .selectAll('strong')
    .data([content.title])
    .join('strong')
    .text((d) => d);
  tip
    .selectAll('dl')
    .data([null])
    .join('dl')
    .selectAll('div')
    .data(content.rows)
    .join((enter) => {
      const row = enter.append('div');
      row.append('dt');
      row.append('dd');
      return row;
    })
    .call((row) => row.select('dt').text((d) => d[0]))
    .call((row) => row.select('dd').text((d) => d[1]));
  const node = tip.node()!;
  const [left, top] = placeTooltip(x, y, node.offsetWidth, node.offsetHeight, window.innerWidth, window.innerHeight);
  tip.style('left', `${left + window.scrollX}px`).style('top', `${top + window.scrollY}px`);
}

export function hideTooltip(): void {
  d3.select(`#${ID}`).style('display', 'none');
}
