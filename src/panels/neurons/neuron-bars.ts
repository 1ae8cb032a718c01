/** One neuron's activation per token as vertical bars around a zero line, with d3 scales and axes. */
import * as d3 from 'd3';
import { clipLabel } from '../../charts/heatmap';
import { tokenName } from '../../ui/describe';

export interface NeuronBarsOptions {
  width: number;
  labels: string[];
  selected: number;
  label: string;
}

const HEIGHT = 180;
const M = { top: 10, right: 8, bottom: 56, left: 44 };

export function drawNeuronBars(svgEl: SVGSVGElement, values: Float32Array, o: NeuronBarsOptions): void {
  const width = Math.max(200, Math.min(o.width, 40 + values.length * 48));
  const x = d3
    .scaleBand<number>()
    .domain(d3.range(values.length))
    .range([M.left, width - M.right])
    .padding(0.15);
  const lo = Math.min(0, d3.min(values) ?? 0);
  const hi = Math.max(0, d3.max(values) ?? 0);
  const y = d3
    .scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const svg = d3
    .select(svgEl)
    .attr('width', width)
    .attr('height', HEIGHT)
    .attr('role', 'img')
    .attr('aria-label', o.label);
  svg
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${M.left},0)`)
    .call(d3.axisLeft(y).ticks(4));
  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickSize(0)
        .tickFormat((i) => clipLabel(o.labels[i] ?? String(i))),
    )
    .selectAll('text')
    .attr('transform', 'rotate(-40)')
    .attr('text-anchor', 'end')
    .attr('dx', '-0.3em')
    .attr('dy', '0.6em');
  svg
    .selectAll<SVGRectElement, number>('rect.bar')
    .data(Array.from(values))
    .join('rect')
    .attr('class', 'bar')
    .attr('x', (_, i) => x(i)!)
    .attr('width', x.bandwidth())
    .attr('y', (v) => y(Math.max(0, v)))
    .attr('height', (v) => Math.abs(y(v) - y(0)))
    .attr('data-value', (v) => v)
    .style('fill', (_, i) => (i === o.selected ? '#6f4a2f' : '#8fa3b5'))
    .selectAll('title')
    .data((v, i) => [`${tokenName(o.labels, i)}: ${v.toPrecision(4)}`])
    .join('title')
    .text((d) => d);
  svg
    .selectAll('line.zero')
    .data([null])
    .join('line')
    .attr('class', 'zero')
    .attr('x1', M.left)
    .attr('x2', width - M.right)
    .attr('y1', y(0))
    .attr('y2', y(0))
    .style('stroke', 'var(--fg)')
    .style('stroke-width', 1);
}
