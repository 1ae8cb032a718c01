/**
 * A small line chart: several series over the same x positions (e.g. one line per token
 * of the residual stream's norm at each layer), d3 scales and axes, one series emphasised.
 * Each point is focusable through its series' markers and shows the shared tooltip.
 */
import * as d3 from 'd3';
import { hideTooltip, showTooltip, type TooltipContent } from './tooltip';

export interface Series {
  key: string;
  label: string;
  values: number[];
}

export interface LineChartOptions {
  width: number;
  height: number;
  label: string;
  xLabels: string[];
  yLabel: string;
  /** The series drawn on top, in the accent colour, with markers. */
  emphasis?: string;
  describe: (series: Series, index: number) => TooltipContent;
}

const margin = { top: 10, right: 12, bottom: 34, left: 48 };

/** The y domain: from 0 (norms and probabilities are never negative) to the largest value, padded. */
export function yDomain(series: Series[]): [number, number] {
  const max = d3.max(series, (s) => d3.max(s.values)) ?? 1;
  const min = Math.min(0, d3.min(series, (s) => d3.min(s.values)) ?? 0);
  return [min, max > min ? max * 1.05 : min + 1];
}

export function drawLineChart(element: SVGSVGElement, series: Series[], options: LineChartOptions): void {
  const { width, height } = options;
  const x = d3
    .scalePoint<number>()
    .domain(d3.range(options.xLabels.length))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = d3
    .scaleLinear()
    .domain(yDomain(series))
    .nice()
    .range([height - margin.bottom, margin.top]);
  const svg = d3
    .select(element)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', options.label);
  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickFormat((i) => options.xLabels[i])
        .tickSizeOuter(0),
    );
  svg
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSizeOuter(0));
  svg
    .selectAll('text.y-label')
    .data([options.yLabel])
    .join('text')
    .attr('class', 'y-label')
    .attr('transform', `translate(12,${(height - margin.bottom + margin.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text((d) => d);
  const line = d3
    .line<number>()
    .x((_, i) => x(i)!)
    .y((v) => y(v));
  // The emphasised series last, so it is drawn on top.
  const ordered = [
    ...series.filter((s) => s.key !== options.emphasis),
    ...series.filter((s) => s.key === options.emphasis),
  ];
  svg
    .selectAll<SVGPathElement, Series>('path.series')
    .data(ordered, (s) => s.key)
    .join('path')
    .attr('class', (s) => (s.key === options.emphasis ? 'series emphasis' : 'series'))
    .attr('fill', 'none')
    .attr('d', (s) => line(s.values));
  const focus = series.find((s) => s.key === options.emphasis) ?? series[series.length - 1];
  if (!focus) return;
  svg
    .selectAll<SVGCircleElement, { v: number; i: number }>('circle.point')
    .data(focus.values.map((v, i) => ({ v, i })))
    .join('circle')
    .attr('class', 'point')
    .attr('tabindex', 0)
    .attr('r', 4)
    .attr('cx', (d) => x(d.i)!)
    .attr('cy', (d) => y(d.v))
    .on('pointerenter focus', function (_, d) {
      const r = this.getBoundingClientRect();
      showTooltip(r.right, r.bottom, options.describe(focus, d.i));
    })
    .on('pointerleave blur', hideTooltip);
}
