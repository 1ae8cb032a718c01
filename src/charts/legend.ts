/** A horizontal colour legend: the scale's gradient with a d3 axis of its domain underneath. */
import * as d3 from 'd3';
import type { ColorScale } from './heatmap';

export interface LegendOptions {
  width: number;
  /** Accessible description, e.g. "colour scale from -0.5 to 0.5". */
  label: string;
  format?: (v: number) => string;
}

/** Evenly spaced colour stops across the domain, as [offset 0..1, colour]. */
export function gradientStops(scale: ColorScale, n = 11): [number, string][] {
  const domain = scale.domain();
  const lo = domain[0];
  const hi = domain[domain.length - 1];
  return d3.range(n).map((i) => [i / (n - 1), scale(lo + ((hi - lo) * i) / (n - 1))]);
}

let legendCount = 0;

export function drawLegend(element: SVGSVGElement, scale: ColorScale, options: LegendOptions): void {
  const height = 34;
  const pad = 12;
  const svg = d3
    .select(element)
    .attr('width', options.width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', options.label);
  const id = element.dataset.gradientId ?? (element.dataset.gradientId = `legend-gradient-${++legendCount}`);
  svg
    .selectAll('defs')
    .data([null])
    .join('defs')
    .selectAll('linearGradient')
    .data([null])
    .join('linearGradient')
    .attr('id', id)
    .selectAll('stop')
    .data(gradientStops(scale))
    .join('stop')
    .attr('offset', (d) => d[0])
    .attr('stop-color', (d) => d[1]);
  svg
    .selectAll('rect.legend-bar')
    .data([null])
    .join('rect')
    .attr('class', 'legend-bar')
    .attr('x', pad)
    .attr('y', 2)
    .attr('width', Math.max(0, options.width - 2 * pad))
    .attr('height', 10)
    .attr('fill', `url(#${id})`);
  const domain = scale.domain();
  const x = d3
    .scaleLinear()
    .domain([domain[0], domain[domain.length - 1]])
    .range([pad, options.width - pad]);
  const axis = d3.axisBottom(x).ticks(5).tickSize(3);
  if (options.format) axis.tickFormat((v) => options.format!(Number(v)));
  svg
    .selectAll<SVGGElement, null>('g.legend-axis')
    .data([null])
    .join('g')
    .attr('class', 'legend-axis')
    .attr('transform', 'translate(0,13)')
    .call(axis);
}
