/**
 * A heatmap of a row-major matrix: cells painted on a canvas (fast at 1,024 x 1,024),
 * axes and the hover/focus marker in an SVG laid over it. Non-finite values
 * (the causal mask's -Infinity) are drawn as "masked", not as a colour of the scale.
 *
 * drawHeatmap(element, data, options) is idempotent: call it again with new data
 * and it updates the same canvas and SVG through d3 joins.
 */
import * as d3 from 'd3';
import { canvasUnderSvg, type SvgLayer } from './layers';

export interface HeatmapData {
  rows: number;
  cols: number;
  /** Row-major values: cell (r, c) is values[r * cols + c]. */
  values: ArrayLike<number>;
  /** One label per row (e.g. query tokens); numeric ticks when absent. */
  rowLabels?: string[];
  /** One label per column (e.g. key tokens); numeric ticks when absent. */
  colLabels?: string[];
}

/** A d3 colour scale: a function of value with a numeric domain (sequential or diverging). */
export interface ColorScale {
  (value: number): string;
  domain(): number[];
}

export interface HeatmapCell {
  row: number;
  col: number;
  value: number;
}

export interface HeatmapOptions {
  color: ColorScale;
  /** Width available to the whole chart, labels included, in CSS px. */
  width: number;
  /** Largest cell side in px. */
  maxCell?: number;
  /** Rows are at least this tall (so token labels stay readable on wide matrices); 0 keeps cells square. */
  minRowHeight?: number;
  /** Accessible name of the chart. */
  label: string;
  /** Cell under the pointer or keyboard focus, or null when it leaves. */
  onHover?: (cell: HeatmapCell | null) => void;
  /** Click or Enter on a cell. */
  onSelect?: (cell: HeatmapCell) => void;
  /** A cell to outline, e.g. the selected token's row. */
  mark?: { row?: number; col?: number };
}

export interface HeatmapLayout {
  margin: { top: number; left: number };
  cellW: number;
  cellH: number;
  /** Size of the cell area. */
  innerW: number;
  innerH: number;
  width: number;
  height: number;
}

type Overlay = SvgLayer;

const LABEL_CHAR_PX = 7;
const MAX_LABEL_CHARS = 12;

/** Shortens a label to fit the axis; the full text stays available on hover. */
export function clipLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** Room an axis needs for its labels: text width for token labels, a few digits for numeric ticks. */
function axisRoom(labels: string[] | undefined, count: number): number {
  if (!labels) return 8 + LABEL_CHAR_PX * String(count).length;
  const longest = d3.max(labels, (l) => clipLabel(l).length) ?? 1;
  return 10 + LABEL_CHAR_PX * longest;
}

/** Where everything goes: cell sizes fit the width; rows keep a readable height if asked. */
export function heatmapLayout(
  data: HeatmapData,
  options: Pick<HeatmapOptions, 'width' | 'maxCell' | 'minRowHeight'>,
): HeatmapLayout {
  const left = axisRoom(data.rowLabels, data.rows);
  // Column labels are drawn rotated, so they need vertical room in proportion to their length.
  const top = data.colLabels ? Math.min(90, axisRoom(data.colLabels, data.cols) * 0.75) : 24;
  const maxCell = options.maxCell ?? 32;
  const cellW = Math.max(0.25, Math.min(maxCell, (options.width - left - 4) / data.cols));
  const cellH = Math.max(cellW, Math.min(maxCell, options.minRowHeight ?? 0));
  const innerW = cellW * data.cols;
  const innerH = cellH * data.rows;
  return { margin: { top, left }, cellW, cellH, innerW, innerH, width: left + innerW + 4, height: top + innerH + 4 };
}

/** The cell at a point in chart coordinates, or null outside the cell area. */
export function cellAt(
  layout: HeatmapLayout,
  data: HeatmapData,
  x: number,
  y: number,
): { row: number; col: number } | null {
  const col = Math.floor((x - layout.margin.left) / layout.cellW);
  const row = Math.floor((y - layout.margin.top) / layout.cellH);
  if (row < 0 || col < 0 || row >= data.rows || col >= data.cols) return null;
  return { row, col };
}

/** Value of one cell. */
export function valueAt(data: HeatmapData, row: number, col: number): number {
  return data.values[row * data.cols + col];
}

/**
 * Colours of a scale sampled at n points across its domain, as RGB bytes.
 * Painting a million cells through the scale itself would parse a million colour strings.
 */
export function colorTable(scale: ColorScale, n = 256): { lo: number; hi: number; rgb: Uint8Array } {
  const domain = scale.domain();
  const lo = domain[0];
  const hi = domain[domain.length - 1];
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const c = d3.rgb(scale(lo + ((hi - lo) * i) / (n - 1)));
    rgb.set([c.r, c.g, c.b], i * 3);
  }
  return { lo, hi, rgb };
}

/** Index into a colour table for a value, clamped to the scale's domain. */
export function tableIndex(value: number, lo: number, hi: number, n: number): number {
  if (hi === lo) return 0;
  const t = (value - lo) / (hi - lo);
  return Math.round(Math.min(1, Math.max(0, t)) * (n - 1));
}

/** Paints every cell as one pixel of an image, masked cells transparent. */
function paintPixels(data: HeatmapData, scale: ColorScale): ImageData {
  const n = 256;
  const { lo, hi, rgb } = colorTable(scale, n);
  const image = new ImageData(data.cols, data.rows);
  const px = image.data;
  for (let i = 0; i < data.rows * data.cols; i++) {
    const v = data.values[i];
    if (!Number.isFinite(v)) continue;
    const j = tableIndex(v, lo, hi, n) * 3;
    px[i * 4] = rgb[j];
    px[i * 4 + 1] = rgb[j + 1];
    px[i * 4 + 2] = rgb[j + 2];
    px[i * 4 + 3] = 255;
  }
  return image;
}

/** Gives a canvas a CSS size and a backing store sharp on high-density screens; returns the pixel ratio. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): number {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(width * ratio);
  canvas.height = Math.ceil(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return ratio;
}

function drawCells(canvas: HTMLCanvasElement, data: HeatmapData, layout: HeatmapLayout, scale: ColorScale): void {
  sizeCanvas(canvas, layout.innerW, layout.innerH);
  const source = document.createElement('canvas');
  source.width = data.cols;
  source.height = data.rows;
  source.getContext('2d')!.putImageData(paintPixels(data, scale), 0, 0);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}

/** Ticks for one axis: every label when they fit, every k-th otherwise. */
export function tickIndices(count: number, bandPx: number, minGapPx: number): number[] {
  const step = Math.max(1, Math.ceil(minGapPx / Math.max(bandPx, 1e-9)));
  return d3.range(0, count, step);
}

function drawAxes(svg: Overlay, data: HeatmapData, layout: HeatmapLayout): void {
  const { margin, cellW, cellH } = layout;
  const y = d3.scaleBand<number>().domain(d3.range(data.rows)).range([0, layout.innerH]);
  const x = d3.scaleBand<number>().domain(d3.range(data.cols)).range([0, layout.innerW]);
  const rowAxis = d3
    .axisLeft(y)
    .tickValues(tickIndices(data.rows, cellH, 13))
    .tickSize(3)
    .tickFormat((i) => (data.rowLabels ? clipLabel(data.rowLabels[i]) : String(i)));
  const colAxis = d3
    .axisTop(x)
    .tickValues(tickIndices(data.cols, cellW, data.colLabels ? 13 : 36))
    .tickSize(3)
    .tickFormat((i) => (data.colLabels ? clipLabel(data.colLabels[i]) : String(i)));
  svg
    .selectAll<SVGGElement, null>('g.row-axis')
    .data([null])
    .join('g')
    .attr('class', 'row-axis')
    .attr('transform', `translate(${margin.left},${margin.top})`)
    .call(rowAxis);
  const cols = svg
    .selectAll<SVGGElement, null>('g.col-axis')
    .data([null])
    .join('g')
    .attr('class', 'col-axis')
    .attr('transform', `translate(${margin.left},${margin.top})`)
    .call(colAxis);
  if (data.colLabels) {
    cols
      .selectAll('text')
      .attr('text-anchor', 'start')
      .attr('transform', 'rotate(-50)')
      .attr('dx', '0.4em')
      .attr('dy', '0.2em');
  }
}

/** Outlines of the hovered cell and of the marked row/column, kept as a join of rects. */
function drawMarkers(
  svg: Overlay,
  layout: HeatmapLayout,
  data: HeatmapData,
  hover: { row: number; col: number } | null,
  mark: HeatmapOptions['mark'],
): void {
  const { margin, cellW, cellH, innerW, innerH } = layout;
  const boxes: { key: string; x: number; y: number; w: number; h: number }[] = [];
  if (mark?.row !== undefined && mark.row < data.rows)
    boxes.push({ key: 'mark-row', x: 0, y: mark.row * cellH, w: innerW, h: cellH });
  if (mark?.col !== undefined && mark.col < data.cols)
    boxes.push({ key: 'mark-col', x: mark.col * cellW, y: 0, w: cellW, h: innerH });
  if (hover) boxes.push({ key: 'hover', x: hover.col * cellW, y: hover.row * cellH, w: cellW, h: cellH });
  svg
    .selectAll<SVGGElement, null>('g.markers')
    .data([null])
    .join('g')
    .attr('class', 'markers')
    .attr('transform', `translate(${margin.left},${margin.top})`)
    .attr('pointer-events', 'none')
    .selectAll<SVGRectElement, (typeof boxes)[number]>('rect')
    .data(boxes, (b) => b.key)
    .join('rect')
    .attr('class', (b) => b.key)
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y)
    .attr('width', (b) => Math.max(b.w, 1.5))
    .attr('height', (b) => Math.max(b.h, 1.5))
    .attr('fill', 'none')
    .attr('stroke', 'currentColor')
    .attr('stroke-width', (b) => (b.key === 'hover' ? 2 : 1))
    .attr('stroke-dasharray', (b) => (b.key === 'hover' ? null : '3 2'));
}

/** What the cells and axes of a drawn heatmap depend on. */
interface PaintKey {
  values: ArrayLike<number>;
  rowLabels?: string[];
  colLabels?: string[];
  layout: string;
  color: string;
}

const painted = new WeakMap<HTMLElement, PaintKey>();

/** Scales are compared by domain and sampled colours, since callers may build an equal scale anew on every draw. */
function paintKey(data: HeatmapData, layout: HeatmapLayout, color: ColorScale): PaintKey {
  const d = color.domain();
  const samples = [d[0], (d[0] + d[d.length - 1]) / 2, d[d.length - 1]].map((v) => color(v));
  return {
    values: data.values,
    rowLabels: data.rowLabels,
    colLabels: data.colLabels,
    layout: [data.rows, data.cols, layout.width, layout.height, layout.cellW, layout.cellH].join(),
    color: [...d, ...samples].join(),
  };
}

/** Same numbers: the same object, or typed-array views of the same bytes (trace data is never written to). */
function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return false;
  return (
    a.buffer === b.buffer &&
    a.byteOffset === b.byteOffset &&
    a.byteLength === b.byteLength &&
    a.constructor === b.constructor
  );
}

const samePaint = (a: PaintKey | undefined, b: PaintKey): boolean =>
  a !== undefined &&
  sameValues(a.values, b.values) &&
  a.rowLabels === b.rowLabels &&
  a.colLabels === b.colLabels &&
  a.layout === b.layout &&
  a.color === b.color;

/** Draws (or redraws) the heatmap into element. Returns the layout used. */
export function drawHeatmap(element: HTMLElement, data: HeatmapData, options: HeatmapOptions): HeatmapLayout {
  const layout = heatmapLayout(data, options);
  const { canvas, svg } = canvasUnderSvg(element, layout.width, layout.height, layout.margin);
  // Redraws that only move the hover or mark outline (a token click) skip repainting the cells.
  const key = paintKey(data, layout, options.color);
  const fresh = !samePaint(painted.get(element), key);
  if (fresh) drawCells(canvas, data, layout, options.color);
  svg
    .style('overflow', 'visible')
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', options.label)
    .attr('class', 'heatmap-overlay');
  if (fresh) {
    drawAxes(svg, data, layout);
    painted.set(element, key);
  }

  let hover: { row: number; col: number } | null = null;
  const show = (cell: { row: number; col: number } | null) => {
    hover = cell;
    drawMarkers(svg, layout, data, hover, options.mark);
    options.onHover?.(cell && { ...cell, value: valueAt(data, cell.row, cell.col) });
  };
  drawMarkers(svg, layout, data, null, options.mark);
  svg
    .on('pointermove', (event: PointerEvent) => {
      const [px, py] = d3.pointer(event);
      const cell = cellAt(layout, data, px, py);
      if (cell?.row !== hover?.row || cell?.col !== hover?.col) show(cell);
    })
    .on('pointerleave', () => show(null))
    .on('blur', () => show(null))
    .on('click', (event: MouseEvent) => {
      const [px, py] = d3.pointer(event);
      const cell = cellAt(layout, data, px, py);
      if (cell) options.onSelect?.({ ...cell, value: valueAt(data, cell.row, cell.col) });
    })
    .on('keydown', (event: KeyboardEvent) => {
      const next = moveCell(hover, event.key, data.rows, data.cols);
      if (next) {
        event.preventDefault();
        show(next);
      } else if (event.key === 'Enter' && hover) {
        options.onSelect?.({ ...hover, value: valueAt(data, hover.row, hover.col) });
      }
    });
  return layout;
}

/** Keyboard movement of a focus cell in a rows x cols grid: arrows, Home/End within the row; null for other keys. */
export function moveCell(
  from: { row: number; col: number } | null,
  key: string,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  // The first key press only shows where the focus is.
  if (!from) return key.startsWith('Arrow') || key === 'Home' || key === 'End' ? { row: 0, col: 0 } : null;
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };
  if (key === 'Home') return { row: from.row, col: 0 };
  if (key === 'End') return { row: from.row, col: cols - 1 };
  const move = moves[key];
  return move ? { row: clamp(from.row + move[0], rows), col: clamp(from.col + move[1], cols) } : null;
}
