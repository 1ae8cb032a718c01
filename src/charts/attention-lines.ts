/**
 * Attention as lines between two columns of tokens (the BertViz picture): queries on
 * the left, keys on the right, one colour per head, each line as opaque and as wide
 * as its attention weight. Only the lines are drawn here; the token columns are
 * HTML buttons laid out beside the SVG with the same row height, so they stay
 * keyboard-operable and readable.
 */
import * as d3 from 'd3';

export type AttentionDirection = 'from' | 'to';

export interface HeadWeights {
  head: number;
  /** For 'from': weight on each key; for 'to': weight from each query. Length T. */
  weights: ArrayLike<number>;
}

export interface AttentionLinesData {
  /** Number of tokens T. */
  count: number;
  /** The token whose attention is shown. */
  position: number;
  /** 'from': where this token looks (query = position); 'to': who looks at it (key = position). */
  direction: AttentionDirection;
  /** The heads to draw, in drawing order. */
  heads: HeadWeights[];
}

export interface AttentionSegment {
  head: number;
  query: number;
  key: number;
  weight: number;
}

export interface AttentionLinesOptions {
  width: number;
  rowHeight: number;
  headColor: (head: number) => string;
  label: string;
  onHover?: (segment: AttentionSegment | null) => void;
}

/** Weights below this are drawn at an opacity no one can see; skipping them keeps long prompts fast. */
export const MIN_DRAWN_WEIGHT = 1e-3;

/** One segment per head and partner token with a visible weight. Causal: a query only sees keys at or before it. */
export function attentionSegments(data: AttentionLinesData): AttentionSegment[] {
  const out: AttentionSegment[] = [];
  for (const { head, weights } of data.heads) {
    for (let other = 0; other < data.count; other++) {
      const weight = weights[other];
      if (!(weight >= MIN_DRAWN_WEIGHT)) continue;
      const query = data.direction === 'from' ? data.position : other;
      const key = data.direction === 'from' ? other : data.position;
      if (key > query) continue;
      out.push({ head, query, key, weight });
    }
  }
  return out;
}

/**
 * Vertical offset of a head's line ends within a row, so heads that agree do not hide each other:
 * heads are spread over the middle half of the row.
 */
export function headOffset(head: number, headCount: number, rowHeight: number): number {
  if (headCount <= 1) return 0;
  return (head / (headCount - 1) - 0.5) * rowHeight * 0.5;
}

/** Line width in px for a weight in 0..1. */
export const lineWidth = (weight: number): number => 0.75 + 4 * weight;

/** Draws (or redraws) the lines into an SVG of the given width and T x rowHeight height. */
export function drawAttentionLines(
  element: SVGSVGElement,
  data: AttentionLinesData,
  options: AttentionLinesOptions,
  headCount: number,
): void {
  const { width, rowHeight } = options;
  const svg = d3
    .select(element)
    .attr('width', width)
    .attr('height', data.count * rowHeight)
    .attr('role', 'img')
    .attr('aria-label', options.label);
  const y = (i: number, head: number) => (i + 0.5) * rowHeight + headOffset(head, headCount, rowHeight);
  const link = d3
    .linkHorizontal<AttentionSegment, [number, number]>()
    .source((s) => [4, y(s.query, s.head)])
    .target((s) => [width - 4, y(s.key, s.head)]);
  const segments = attentionSegments(data);
  // Heaviest last, so strong lines are on top of faint ones.
  segments.sort((a, b) => a.weight - b.weight);
  svg
    .selectAll<SVGGElement, null>('g.lines')
    .data([null])
    .join('g')
    .attr('class', 'lines')
    .selectAll<SVGPathElement, AttentionSegment>('path')
    .data(segments, (s) => `${s.head}:${s.query}:${s.key}`)
    .join('path')
    .attr('d', (s) => link(s))
    .attr('fill', 'none')
    .attr('stroke', (s) => options.headColor(s.head))
    .attr('stroke-opacity', (s) => s.weight)
    .attr('stroke-width', (s) => lineWidth(s.weight))
    .attr('data-head', (s) => s.head)
    .attr('data-query', (s) => s.query)
    .attr('data-key', (s) => s.key)
    .attr('data-weight', (s) => s.weight)
    .on('pointerenter', (_event, s) => options.onHover?.(s))
    .on('pointerleave', () => options.onHover?.(null));
}
