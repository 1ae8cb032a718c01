/**
 * A labelled 2-D scatter of projected embeddings, with d3 scales and axes. The same
 * scale on both axes, so distances on screen are proportional to distances in the
 * projection.
 */
import * as d3 from 'd3';

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
  /** Drawn differently: a computed vector (the sum), not a token's row. */
  derived: boolean;
}

export interface ScatterOptions {
  width: number;
  label: string;
  xTitle: string;
  yTitle: string;
}

const PAD = 36;

export function drawScatter(svgEl: SVGSVGElement, points: ScatterPoint[], o: ScatterOptions): void {
  const size = Math.max(220, Math.min(o.width, 520));
  const svg = d3.select(svgEl).attr('width', size).attr('height', size).attr('role', 'img').attr('aria-label', o.label);
  const extent = d3.max(points, (p) => Math.max(Math.abs(p.x), Math.abs(p.y))) || 1;
  const s = d3
    .scaleLinear()
    .domain([-extent * 1.15, extent * 1.15])
    .range([PAD, size - PAD / 2]);
  const sy = d3
    .scaleLinear()
    .domain(s.domain())
    .range([size - PAD, PAD / 2]);
  svg
    .selectAll<SVGGElement, null>('g.x-axis')
    .data([null])
    .join('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${size - PAD})`)
    .call(d3.axisBottom(s).ticks(5).tickSizeOuter(0));
  svg
    .selectAll<SVGGElement, null>('g.y-axis')
    .data([null])
    .join('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${PAD},0)`)
    .call(d3.axisLeft(sy).ticks(5).tickSizeOuter(0));
  svg
    .selectAll('text.axis-title')
    .data([
      { text: o.xTitle, x: size / 2, y: size - 4, rotate: 0 },
      { text: o.yTitle, x: -size / 2, y: 10, rotate: -90 },
    ])
    .join('text')
    .attr('class', 'axis-title')
    .attr('text-anchor', 'middle')
    .attr('transform', (d) => (d.rotate ? `rotate(${d.rotate})` : null))
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .style('font-size', '11px')
    .text((d) => d.text);
  const dots = svg
    .selectAll<SVGGElement, ScatterPoint>('g.point')
    .data(points, (p) => p.label)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'point');
      g.append('circle');
      g.append('text');
      return g;
    })
    .attr('transform', (p) => `translate(${s(p.x)},${sy(p.y)})`)
    .attr('data-label', (p) => p.label);
  dots
    .select('circle')
    .attr('r', (p) => (p.derived ? 6 : 4.5))
    .style('fill', (p) => (p.derived ? 'none' : '#e08a2c'))
    .style('stroke', (p) => (p.derived ? 'var(--fg)' : '#7a4a12'))
    .style('stroke-width', 1.5)
    .style('stroke-dasharray', (p) => (p.derived ? '3 2' : null));
  dots
    .select('text')
    // Labels point inwards so the ones near the right edge stay inside the chart.
    .attr('x', (p) => (s(p.x) > size / 2 ? -8 : 8))
    .attr('text-anchor', (p) => (s(p.x) > size / 2 ? 'end' : 'start'))
    .attr('y', 4)
    .style('font-family', 'var(--mono)')
    .style('font-size', '12px')
    .text((p) => p.label);
}
