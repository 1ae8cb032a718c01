/**
 * Every layer x head as a small multiple: each cell is one token's attention row in that
 * head (bars over positions, height and colour = weight), so heads that look somewhere
 * unusual (the previous token, the first token, a far-away word) stand out at a glance.
 * Cells are buttons with a roving tab stop: arrows move between them, Enter or click selects.
 */
import * as d3 from 'd3';
import { colorTable, moveCell, sizeCanvas, tableIndex, type ColorScale } from './heatmap';
import { canvasUnderSvg } from './layers';

export interface HeadGridData {
  /** rows[l][h]: the weights over positions 0..T-1 shown in cell (l, h). */
  rows: ArrayLike<number>[][];
  /** Number of positions T. */
  count: number;
}

export interface HeadGridOptions {
  width: number;
  color: ColorScale;
  selected: { layer: number; head: number };
  label: string;
  cellLabel: (layer: number, head: number) => string;
  layerTick: (layer: number) => string;
  headTick: (head: number) => string;
  onSelect: (layer: number, head: number) => void;
}

export interface HeadGridLayout {
  left: number;
  top: number;
  cell: number;
  gap: number;
  width: number;
  height: number;
}

export interface GridCell {
  layer: number;
  head: number;
}

/** Square cells fitting the width, between 18 and 72 px. */
export function headGridLayout(layers: number, heads: number, width: number): HeadGridLayout {
  const left = 30;
  const top = 18;
  const gap = 3;
  const cell = Math.max(18, Math.min(72, Math.floor((width - left) / heads) - gap));
  return { left, top, cell, gap, width: left + heads * (cell + gap), height: top + layers * (cell + gap) };
}

/** Top-left corner of a cell. */
export function cellOrigin(layout: HeadGridLayout, layer: number, head: number): [number, number] {
  return [layout.left + head * (layout.cell + layout.gap), layout.top + layer * (layout.cell + layout.gap)];
}

/** The cell a key moves the focus to, clamped to the grid; null for keys that do not move. */
export function moveGridCell(at: GridCell, key: string, layers: number, heads: number): GridCell | null {
  const next = moveCell({ row: at.layer, col: at.head }, key, layers, heads);
  return next && { layer: next.row, head: next.col };
}

function paintBars(canvas: HTMLCanvasElement, data: HeadGridData, layout: HeadGridLayout, scale: ColorScale): void {
  const ratio = sizeCanvas(canvas, layout.width, layout.height);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const table = colorTable(scale, 64);
  const inner = layout.cell - 4;
  const barW = inner / Math.max(1, data.count);
  data.rows.forEach((layerRows, layer) =>
    layerRows.forEach((weights, head) => {
      const [x0, y0] = cellOrigin(layout, layer, head);
      for (let i = 0; i < data.count; i++) {
        const w = weights[i];
        if (!(w > 0)) continue;
        const j = tableIndex(w, table.lo, table.hi, 64) * 3;
        ctx.fillStyle = `rgb(${table.rgb[j]},${table.rgb[j + 1]},${table.rgb[j + 2]})`;
        const h = Math.max(0.5, w * inner);
        ctx.fillRect(x0 + 2 + i * barW, y0 + 2 + inner - h, Math.max(barW - (barW > 3 ? 0.5 : 0), 0.5), h);
      }
    }),
  );
}

/** Draws (or redraws) the grid into element. */
export function drawHeadGrid(element: HTMLElement, data: HeadGridData, options: HeadGridOptions): HeadGridLayout {
  const layers = data.rows.length;
  const heads = data.rows[0]?.length ?? 0;
  const layout = headGridLayout(layers, heads, options.width);
  const { canvas, svg } = canvasUnderSvg(element, layout.width, layout.height);
  paintBars(canvas, data, layout, options.color);
  svg.attr('role', 'group').attr('aria-label', options.label);

  const headTicks = svg
    .selectAll<SVGTextElement, number>('text.head-tick')
    .data(d3.range(heads))
    .join('text')
    .attr('class', 'head-tick');
  headTicks
    .attr('x', (h) => cellOrigin(layout, 0, h)[0] + layout.cell / 2)
    .attr('y', layout.top - 5)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .attr('fill', 'currentColor')
    .text((h) => options.headTick(h));
  svg
    .selectAll<SVGTextElement, number>('text.layer-tick')
    .data(d3.range(layers))
    .join('text')
    .attr('class', 'layer-tick')
    .attr('x', layout.left - 5)
    .attr('y', (l) => cellOrigin(layout, l, 0)[1] + layout.cell / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('font-size', 10)
    .attr('fill', 'currentColor')
    .text((l) => options.layerTick(l));

  const cells: GridCell[] = d3.cross(d3.range(layers), d3.range(heads), (layer, head) => ({ layer, head }));
  const isSelected = (c: GridCell) => c.layer === options.selected.layer && c.head === options.selected.head;
  const focusCell = (c: GridCell) =>
    svg.select<SVGRectElement>(`rect.cell[data-layer="${c.layer}"][data-head="${c.head}"]`).node()?.focus();
  svg
    .selectAll<SVGRectElement, GridCell>('rect.cell')
    .data(cells, (c) => `${c.layer}:${c.head}`)
    .join('rect')
    .attr('class', 'cell')
    .attr('data-layer', (c) => c.layer)
    .attr('data-head', (c) => c.head)
    .attr('x', (c) => cellOrigin(layout, c.layer, c.head)[0])
    .attr('y', (c) => cellOrigin(layout, c.layer, c.head)[1])
    .attr('width', layout.cell)
    .attr('height', layout.cell)
    .attr('rx', 2)
    .attr('fill', 'transparent')
    .attr('stroke', 'currentColor')
    .attr('stroke-opacity', (c) => (isSelected(c) ? 1 : 0.18))
    .attr('stroke-width', (c) => (isSelected(c) ? 2.5 : 1))
    .attr('role', 'button')
    .attr('tabindex', (c) => (isSelected(c) ? 0 : -1))
    .attr('aria-pressed', (c) => String(isSelected(c)))
    .attr('aria-label', (c) => options.cellLabel(c.layer, c.head))
    .style('cursor', 'pointer')
    .on('click', (_event, c) => options.onSelect(c.layer, c.head))
    .on('keydown', (event: KeyboardEvent, c) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        options.onSelect(c.layer, c.head);
        return;
      }
      const next = moveGridCell(c, event.key, layers, heads);
      if (next) {
        event.preventDefault();
        focusCell(next);
      }
    })
    .selectAll('title')
    .data((c) => [c])
    .join('title')
    .text((c) => options.cellLabel(c.layer, c.head));
  return layout;
}
