/**
 * A [rows, n] matrix drawn as vector strips (one row per token) with its colour legend.
 * Hovering or focusing a cell shows its value, position and origin in the shared tooltip;
 * clicking a row selects that token.
 */
import { useEffect, useMemo, useRef } from 'react';
import { drawLegend } from '../charts/legend';
import { divergingScale, symmetricExtent, type DivergingKind } from '../charts/palette';
import type { TooltipContent } from '../charts/tooltip';
import { drawVectorStrip } from '../charts/vector-strip';
import type { Matrix } from '../model/types';
import { useT } from '../i18n';
import { formatValue } from './hover-info';
import { useWidth } from './use-width';
import { ExportButtons } from './ExportButtons';

export interface StripFigureProps {
  matrix: Matrix;
  rowLabels: string[];
  kind: DivergingKind;
  caption: string;
  describe: (row: number, col: number, value: number) => TooltipContent;
  markRow?: number;
  onSelectRow?: (row: number) => void;
  testId: string;
}

export function StripFigure({
  matrix,
  rowLabels,
  kind,
  caption,
  describe,
  markRow,
  onSelectRow,
  testId,
}: StripFigureProps) {
  const t = useT();
  const wrap = useRef<HTMLElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const legend = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);
  const extent = useMemo(() => symmetricExtent(matrix.data), [matrix]);

  useEffect(() => {
    if (!chart.current) return;
    drawVectorStrip(
      chart.current,
      { rows: matrix.rows, cols: matrix.cols, values: matrix.data, rowLabels },
      {
        kind,
        width,
        extent,
        label: caption,
        describe: (c) => describe(c.row, c.col, c.value),
        mark: markRow === undefined ? undefined : { row: markRow },
        onSelect: onSelectRow && ((c) => onSelectRow(c.row)),
      },
    );
  }, [matrix, rowLabels, kind, width, extent, caption, describe, markRow, onSelectRow]);

  useEffect(() => {
    if (!legend.current) return;
    drawLegend(legend.current, divergingScale(kind, extent), {
      width: Math.min(320, width),
      label: t(kind === 'weight' ? 'legend.weights' : 'legend.activations'),
      format: formatValue,
    });
  }, [kind, extent, width, t]);

  return (
    <figure className="strip-figure" ref={wrap} data-testid={testId}>
      <figcaption>
        {caption} <ExportButtons target={wrap} name={caption} />
      </figcaption>
      <div ref={chart} className="strip-chart" />
      <div className="legend">
        <svg ref={legend} />
        <span className="muted">{t(kind === 'weight' ? 'legend.weights' : 'legend.activations')}</span>
      </div>
    </figure>
  );
}
