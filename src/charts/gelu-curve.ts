/**
 * The gelu_new curve with one token's MLP pre-activations plotted on it: each point is
 * one hidden neuron, at x = its input (mlp.hook_pre) and y = its output (mlp.hook_post).
 * The points come from the trace; the curve is the formula, drawn so a learner can
 * see the points sit on it.
 */
import * as d3 from 'd3';

/** GPT-2's gelu_new: the tanh approximation of GELU (Hendrycks and Gimpel), as in Hugging Face's NewGELUActivation. */
export function geluNew(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

export interface GeluPoint {
  /** Hidden-neuron index in 0..4 n_embd - 1. */
  index: number;
  pre: number;
  post: number;
}

export interface GeluCurveOptions {
  width: number;
  height: number;
  label: string;
  /** Axis titles. */
  xTitle: string;
  yTitle: string;
  onHover?: (point: GeluPoint | null) => void;
}

/** Points of one token: pre[i] and post[i] for every hidden neuron. */
export function geluPoints(pre: ArrayLike<number>, post: ArrayLike<number>): GeluPoint[] {
  return Array.from({ length: pre.length }, (_, i) => ({ index: i, pre: pre[i], post: post[i] }));
}

/** x range of the plot: the data's range, widened to include at least [-4, 2] where GELU bends. */
export function geluDomain(points: GeluPoint[]): [number, number] {
  const [lo, hi] = d3.extent(points, (p) => p.pre) as [number | undefined, number | undefined];
  return [Math.min(-4, lo ?? 0), Math.max(2, hi ?? 0)];
}

/** The curve sampled evenly over a domain. */
export function geluSamples(domain: [number, number], n = 200): [number, number][] {
  return d3.range(n + 1).map((i) => {
    const x = domain[0] + ((domain[1] - domain[0]) * i) / n;
    return [x, geluNew(x)];
  });
}

const MARGIN = { top: 10, right: 12, bottom: 38, left: 46 };

/** Draws (or redraws) the curve and points into element. */
export function drawGeluCurve(element: SVGSVGElement, points: GeluPoint[], options: GeluCurveOptions): void {
  const { width, height } = options;
  const domain = geluDomain(points);
  const x = d3
    .scaleLinear()
    .domain(domain)
    .range([MARGIN.left, width - MARGIN.right])
    .nice();
  const yMax = Math.max(geluNew(x.domain()[1]), d3.max(points, (p) => p.post) ?? 0);
  const y = d3
    .scaleLinear()
    .domain([-0.5, yMax])
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  const svg = d3
    .select(element)
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', options.label);

  // One element per class, created on the first draw and updated after.
  const one = <T extends SVGElement>(tag: string, cls: string) =>
    svg
      .selectAll<T, null>(`${tag}.${cls}`)
      .data([null])
      .join((enter) => enter.append<T>(tag).attr('class', cls));

  one<SVGGElement>('g', 'x-axis')
    .attr('transform', `translate(0,${y(0)})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, width / 70)));
  one<SVGGElement>('g', 'y-axis')
    .attr('transform', `translate(${x(0)},0)`)
    .call(d3.axisLeft(y).ticks(Math.max(2, height / 50)));
  one<SVGTextElement>('text', 'x-title')
    .attr('x', width - MARGIN.right)
    .attr('y', height - 6)
    .attr('text-anchor', 'end')
    .attr('fill', 'currentColor')
    .attr('font-size', 12)
    .text(options.xTitle);
  one<SVGTextElement>('text', 'y-title')
    .attr('x', MARGIN.left - 40)
    .attr('y', MARGIN.top + 4)
    .attr('fill', 'currentColor')
    .attr('font-size', 12)
    .text(options.yTitle);

  const line = d3
    .line<[number, number]>()
    .x((d) => x(d[0]))
    .y((d) => y(d[1]));
  one<SVGPathElement>('path', 'curve')
    .attr('d', line(geluSamples(x.domain() as [number, number])))
    .attr('fill', 'none')
    .attr('stroke', 'var(--accent, #3b6fd1)')
    .attr('stroke-width', 2);

  // Activations are data, drawn in grey (weights and formulas get colour).
  one<SVGGElement>('g', 'points')
    .attr('pointer-events', 'none')
    .selectAll<SVGCircleElement, GeluPoint>('circle')
    .data(points, (p) => p.index)
    .join('circle')
    .attr('cx', (p) => x(p.pre))
    .attr('cy', (p) => y(p.post))
    .attr('r', 2.2)
    .attr('fill', 'var(--data-ink, #777)')
    .attr('fill-opacity', 0.55);

  const delaunay = d3.Delaunay.from(
    points,
    (p) => x(p.pre),
    (p) => y(p.post),
  );
  const hoverRing = (p: GeluPoint | null) =>
    one<SVGGElement>('g', 'hover')
      .attr('pointer-events', 'none')
      .selectAll('circle')
      .data(p ? [p] : [])
      .join('circle')
      .attr('cx', (d) => x(d.pre))
      .attr('cy', (d) => y(d.post))
      .attr('r', 5)
      .attr('fill', 'none')
      .attr('stroke', 'currentColor')
      .attr('stroke-width', 1.5);
  hoverRing(null);
  svg
    .on('pointermove', (event: PointerEvent) => {
      if (points.length === 0) return;
      const [px, py] = d3.pointer(event);
      const p = points[delaunay.find(px, py)];
      hoverRing(p);
      options.onHover?.(p);
    })
    .on('pointerleave', () => {
      hoverRing(null);
      options.onHover?.(null);
    });
}
