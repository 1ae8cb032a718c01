/** One heatmap with its caption and colour legend: the unit every block step is built from. */
import { useMemo, useRef } from 'react';
import type { ColorScale, HeatmapData } from '../charts/heatmap';
import { divergingScale, probabilityScale, symmetricExtent } from '../charts/palette';
import type { Matrix } from '../model/types';
import { useT } from '../i18n';
import type { HoverInfo } from './hover-info';
import { MatrixHeatmap } from './MatrixHeatmap';
import { ScaleLegend } from './ScaleLegend';
import { ExportButtons } from './ExportButtons';

export interface FigureProps {
  caption: string;
  matrix: Matrix;
  rowLabels: string[];
  colLabels?: string[];
  /** 'signed' values get the diverging activation scale; 'probability' gets cividis 0..1. */
  kind: 'signed' | 'probability';
  /** Share one colour scale across figures that should be compared (defaults to this matrix's own range). */
  extent?: number;
  describe: (row: number, col: number, value: number) => HoverInfo;
  onHover: (info: HoverInfo | null) => void;
  onSelectRow?: (row: number) => void;
  markRow?: number;
  markCol?: number;
  testId?: string;
}

/** The colour scale for a figure: diverging around zero for signed values, 0..1 for probabilities. */
export function useFigureScale(kind: FigureProps['kind'], values: ArrayLike<number>, extent?: number): ColorScale {
  return useMemo(
    () =>
      kind === 'probability' ? probabilityScale() : divergingScale('activation', extent ?? symmetricExtent(values)),
    [kind, values, extent],
  );
}

export function Figure(props: FigureProps) {
  const t = useT();
  const { matrix, rowLabels, colLabels, kind, extent, onSelectRow } = props;
  const color = useFigureScale(kind, matrix.data, extent);
  const data: HeatmapData = useMemo(
    () => ({ rows: matrix.rows, cols: matrix.cols, values: matrix.data, rowLabels, colLabels }),
    [matrix, rowLabels, colLabels],
  );
  // Wide matrices ([T, n_embd]) keep rows tall enough to read their token labels, within about 500 px for long prompts.
  const wide = matrix.cols > 2 * matrix.rows;
  const rowHeight = Math.max(3, Math.min(16, 500 / matrix.rows));
  const figure = useRef<HTMLElement>(null);
  return (
    <figure className="block-figure" ref={figure}>
      <figcaption>
        <span>{props.caption}</span>
        <ScaleLegend color={color} label={t('block.legend', { caption: props.caption })} />
        <ExportButtons target={figure} name={props.caption} />
      </figcaption>
      <MatrixHeatmap
        data={data}
        color={color}
        label={props.caption}
        describe={props.describe}
        onHover={props.onHover}
        onSelect={onSelectRow && ((row: number) => onSelectRow(row))}
        minRowHeight={wide ? rowHeight : 0}
        maxCell={wide ? 16 : 36}
        markRow={props.markRow}
        markCol={props.markCol}
        testId={props.testId}
      />
    </figure>
  );
}
