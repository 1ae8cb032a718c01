/**
 * A React home for drawHeatmap: measures the space it has, redraws when data, colours or
 * size change, and turns cell hovers into HoverInfo for the readout.
 */
import { useEffect, useRef } from 'react';
import { drawHeatmap, heatmapLayout, type ColorScale, type HeatmapData } from '../charts/heatmap';
import { hideTooltip, showTooltip } from '../charts/tooltip';
import { cellAnchor } from '../charts/vector-strip';
import { useT } from '../i18n';
import type { HoverInfo } from './hover-info';
import { tooltipContent } from './tooltip-content';
import { useWidth } from './use-width';

export interface MatrixHeatmapProps {
  data: HeatmapData;
  color: ColorScale;
  label: string;
  /** Describes cell (row, col) for the readout. */
  describe: (row: number, col: number, value: number) => HoverInfo;
  onHover: (info: HoverInfo | null) => void;
  onSelect?: (row: number, col: number) => void;
  minRowHeight?: number;
  maxCell?: number;
  markRow?: number;
  markCol?: number;
  testId?: string;
}

export function MatrixHeatmap(props: MatrixHeatmapProps) {
  const { data, color, label, describe, onHover, onSelect, minRowHeight, maxCell, markRow, markCol, testId } = props;
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const width = useWidth(outer);
  const t = useT();
  // Callbacks are read through a ref, so a parent re-render does not redraw the canvas.
  const callbacks = useRef({ describe, onHover, onSelect, t });
  callbacks.current = { describe, onHover, onSelect, t };
  const selectable = onSelect !== undefined;
  useEffect(() => {
    const element = inner.current;
    if (!element) return;
    const sizing = { width, minRowHeight, maxCell };
    const layout = heatmapLayout(data, sizing);
    drawHeatmap(element, data, {
      ...sizing,
      color,
      label,
      mark: { row: markRow, col: markCol },
      onHover: (cell) => {
        const { describe: describeCell, onHover: report, t: translate } = callbacks.current;
        if (!cell) {
          hideTooltip();
          report(null);
          return;
        }
        const info = describeCell(cell.row, cell.col, cell.value);
        const [x, y] = cellAnchor(element.getBoundingClientRect(), layout, cell);
        showTooltip(x, y, tooltipContent(info, translate));
        report(info);
      },
      onSelect: selectable ? (cell) => callbacks.current.onSelect?.(cell.row, cell.col) : undefined,
    });
  }, [data, color, width, label, minRowHeight, maxCell, markRow, markCol, selectable]);
  return (
    <div ref={outer} className="matrix-heatmap">
      <div ref={inner} data-testid={testId} />
    </div>
  );
}
