/**
 * Vectors as colour strips: one row per vector (e.g. per token), one cell per dimension,
 * on a diverging scale symmetric around zero. Drawn by the heatmap (canvas cells, d3 axes,
 * keyboard and pointer hover); this adds the scale choice and the shared tooltip.
 */
import { drawHeatmap, heatmapLayout, type HeatmapCell, type HeatmapData, type HeatmapLayout } from './heatmap';
import { divergingScale, symmetricExtent, type DivergingKind } from './palette';
import { hideTooltip, showTooltip, type TooltipContent } from './tooltip';

export interface VectorStripOptions {
  /** Weights are drawn in colour, activations in muted tones (see palette.ts). */
  kind: DivergingKind;
  width: number;
  /** Accessible name. */
  label: string;
  /** Tooltip text for a cell: its value, shape and origin. */
  describe: (cell: HeatmapCell) => TooltipContent;
  /** Half-width of the colour domain; by default the largest |value|. */
  extent?: number;
  /** Row height in px (rows are at least this tall however many dimensions there are). */
  rowHeight?: number;
  mark?: { row?: number; col?: number };
  onSelect?: (cell: HeatmapCell) => void;
}

/** Viewport point just below-right of a cell, where its tooltip goes. */
export function cellAnchor(
  rect: { left: number; top: number },
  layout: HeatmapLayout,
  cell: { row: number; col: number },
): [number, number] {
  return [
    rect.left + layout.margin.left + (cell.col + 1) * layout.cellW,
    rect.top + layout.margin.top + (cell.row + 1) * layout.cellH,
  ];
}

export function drawVectorStrip(element: HTMLElement, data: HeatmapData, options: VectorStripOptions): HeatmapLayout {
  const extent = options.extent ?? symmetricExtent(data.values);
  const sizing = { width: options.width, maxCell: 24, minRowHeight: options.rowHeight ?? 18 };
  const layout = heatmapLayout(data, sizing);
  return drawHeatmap(element, data, {
    ...sizing,
    color: divergingScale(options.kind, extent),
    label: options.label,
    mark: options.mark,
    onSelect: options.onSelect,
    onHover: (cell) => {
      if (!cell) return hideTooltip();
      const [x, y] = cellAnchor(element.getBoundingClientRect(), layout, cell);
      showTooltip(x, y, options.describe(cell));
    },
  });
}
