/**
 * One horizontal bar split by kind of weight matrix, widths proportional to their counts.
 * Kinds already used by the stages so far are filled in their colour; the rest are
 * outlined, so the bar fills up as the user steps through the model.
 */
import * as d3 from 'd3';
import type { TallyItem, WeightKind } from '../../analysis/param-tally';
import { formatCount } from '../../util/format';

export interface TallyBarOptions {
  width: number;
  used: (item: TallyItem) => boolean;
  name: (kind: WeightKind) => string;
  label: string;
}

/** Weight kinds in the weights' colour family (purple-orange), one shade each. */
const KIND_COLORS: Record<WeightKind, string> = {
  tokenEmbedding: '#b35806',
  positionEmbedding: '#e08214',
  ln1: '#fdb863',
  attnQkv: '#8073ac',
  attnOut: '#b2abd2',
  ln2: '#fdb863',
  mlpUp: '#542788',
  mlpDown: '#2d004b',
  finalLn: '#fee0b6',
  unembedding: '#cccccc',
};

const HEIGHT = 22;

export function drawTallyBar(svgEl: SVGSVGElement, items: TallyItem[], o: TallyBarOptions): void {
  const shown = items.filter((i) => i.count > 0);
  const total = d3.sum(shown, (i) => i.count);
  const x = d3.scaleLinear().domain([0, total]).range([0, o.width]);
  let start = 0;
  const spans = shown.map((item) => {
    const span = { item, x0: x(start), w: x(item.count) };
    start += item.count;
    return span;
  });
  // The viewBox lets CSS (max-width: 100%) shrink the bar rather than crop it, should the
  // container be narrower than the width it was drawn for.
  const svg = d3
    .select(svgEl)
    .attr('width', o.width)
    .attr('height', HEIGHT)
    .attr('viewBox', `0 0 ${o.width} ${HEIGHT}`)
    .attr('preserveAspectRatio', 'none')
    .attr('role', 'img')
    .attr('aria-label', o.label);
  svg
    .selectAll<SVGRectElement, (typeof spans)[number]>('rect')
    .data(spans, (d) => d.item.kind)
    .join('rect')
    .attr('x', (d) => d.x0)
    .attr('y', 1)
    .attr('width', (d) => Math.max(0, d.w - 1))
    .attr('height', HEIGHT - 2)
    .style('fill', (d) => (o.used(d.item) ? KIND_COLORS[d.item.kind] : 'transparent'))
    .style('stroke', (d) => KIND_COLORS[d.item.kind])
    .style('stroke-width', 1)
    .selectAll('title')
    .data((d) => [d])
    .join('title')
    .text((d) => `${o.name(d.item.kind)}: ${formatCount(d.item.count)}`);
}
