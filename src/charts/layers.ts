/**
 * A canvas under an SVG in one box of a fixed size: the canvas takes the many painted cells
 * (fast), the SVG on top takes axes, outlines and the focusable, hoverable parts. Both are
 * positioned inside the box; calling again reuses them through d3 joins.
 */
import * as d3 from 'd3';

export type SvgLayer = d3.Selection<SVGSVGElement, null, HTMLElement, unknown>;

export function canvasUnderSvg(
  element: HTMLElement,
  width: number,
  height: number,
  /** Where the canvas's top-left corner sits in the box (a heatmap's cells start after its axes). */
  canvasAt: { left: number; top: number } = { left: 0, top: 0 },
): { canvas: HTMLCanvasElement; svg: SvgLayer } {
  const root = d3
    .select(element)
    .style('position', 'relative')
    .style('width', `${width}px`)
    .style('height', `${height}px`);
  const canvas = root
    .selectAll<HTMLCanvasElement, null>('canvas')
    .data([null])
    .join('canvas')
    .style('position', 'absolute')
    .style('left', `${canvasAt.left}px`)
    .style('top', `${canvasAt.top}px`)
    .node()!;
  const svg = root
    .selectAll<SVGSVGElement, null>('svg')
    .data([null])
    .join('svg')
    .style('position', 'absolute')
    .style('left', '0')
    .style('top', '0')
    .attr('width', width)
    .attr('height', height);
  return { canvas, svg };
}
