/**
 * The prompt as a line of token boxes in an SVG, each filled by its surprisal in bits
 * (light = the model expected it, dark = it was surprised). Tokens wrap onto new lines
 * like text. The first token has no surprisal and is drawn hatched-grey with a dash.
 */
import * as d3 from 'd3';
import type { TokenSurprisal } from '../../analysis/surprisal';

export interface SurprisalChartOptions {
  width: number;
  labels: string[];
  /** Bits at which the colour saturates. */
  maxBits: number;
  selected: number;
  label: string;
  onHover: (row: TokenSurprisal | null, event?: MouseEvent) => void;
  onSelect: (position: number) => void;
}

const CHAR_W = 7.8;
const BOX_H = 40;
const GAP = 4;

/** Surprisal colours: a sequential blue-purple scale, kept apart from the weight, activation and probability scales. */
export const surprisalScale = (maxBits: number) =>
  d3.scaleSequential(d3.interpolateBuPu).domain([0, maxBits]).clamp(true);

/** Box width for a token label: room for the label or the bits figure, whichever is wider. */
const boxWidth = (label: string) => Math.max(44, Math.ceil(Math.max(label.length, 5) * CHAR_W) + 12);

/** Where each token box goes when the line wraps at `width`. */
export function flowLayout(labels: string[], width: number): { x: number; y: number; w: number }[] {
  let x = 0;
  let y = 0;
  return labels.map((label) => {
    const w = boxWidth(label);
    if (x > 0 && x + w > width) {
      x = 0;
      y += BOX_H + GAP;
    }
    const at = { x, y, w };
    x += w + GAP;
    return at;
  });
}

export function drawSurprisalChart(svgEl: SVGSVGElement, rows: TokenSurprisal[], o: SurprisalChartOptions): void {
  const layout = flowLayout(o.labels, o.width - 2);
  const height = (layout.at(-1)?.y ?? 0) + BOX_H + 2;
  const color = surprisalScale(o.maxBits);
  const svg = d3
    .select(svgEl)
    .attr('width', o.width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', o.label);
  const fill = (r: TokenSurprisal) => (r.bits === null ? 'var(--surface)' : color(r.bits));
  const ink = (r: TokenSurprisal) => (r.bits === null ? 'var(--fg)' : d3.hsl(color(r.bits)).l > 0.55 ? '#111' : '#fff');

  const boxes = svg
    .selectAll<SVGGElement, TokenSurprisal>('g.surprisal-token')
    .data(rows, (r) => r.position)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'surprisal-token');
      g.append('rect');
      g.append('text').attr('class', 'surprisal-label');
      g.append('text').attr('class', 'surprisal-bits');
      return g;
    })
    .attr('transform', (r) => `translate(${layout[r.position].x + 1},${layout[r.position].y + 1})`)
    .attr('data-position', (r) => r.position)
    .attr('data-bits', (r) => (r.bits === null ? '' : r.bits))
    .on('mousemove', (event: MouseEvent, r) => o.onHover(r, event))
    .on('mouseleave', () => o.onHover(null))
    .on('click', (_, r) => o.onSelect(r.position));
  boxes
    .select('rect')
    .attr('width', (r) => layout[r.position].w)
    .attr('height', BOX_H)
    .attr('rx', 4)
    .style('fill', fill)
    .style('stroke', (r) =>
      r.position === o.selected ? 'var(--accent, #2f62c8)' : r.bits === null ? 'var(--border, #ccc)' : 'none',
    )
    .attr('stroke-width', (r) => (r.position === o.selected ? 2.5 : 1))
    .attr('stroke-dasharray', (r) => (r.bits === null && r.position !== o.selected ? '3 2' : null));
  boxes
    .select('text.surprisal-label')
    .attr('x', (r) => layout[r.position].w / 2)
    .attr('y', 16)
    .attr('text-anchor', 'middle')
    .style('fill', ink)
    .text((r) => o.labels[r.position]);
  boxes
    .select('text.surprisal-bits')
    .attr('x', (r) => layout[r.position].w / 2)
    .attr('y', 32)
    .attr('text-anchor', 'middle')
    .style('fill', ink)
    .text((r) => (r.bits === null ? '—' : r.bits.toFixed(1)));
}
