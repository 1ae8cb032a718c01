/**
 * A grid of an experiment's results (layers x positions or layers x heads) as the block
 * view's heatmap, with its caption, colour legend, export buttons and a readout of the
 * cell under the pointer or keyboard focus. Enter or a click selects a cell.
 */
import { useMemo, useRef, useState } from 'react';
import type { ColorScale, HeatmapData } from '../../charts/heatmap';
import { MatrixHeatmap } from '../../ui/MatrixHeatmap';
import { ScaleLegend } from '../../ui/ScaleLegend';
import { formatValue, type HoverInfo } from '../../ui/hover-info';
import { ExportButtons } from '../../ui/ExportButtons';

export interface ExperimentHeatmapProps {
  caption: string;
  legend: string;
  data: HeatmapData;
  color: ColorScale;
  describe: (row: number, col: number, value: number) => HoverInfo;
  onSelect?: (row: number, col: number) => void;
  mark?: { row: number; col: number } | null;
  testId: string;
}

export function ExperimentHeatmap(props: ExperimentHeatmapProps) {
  const figure = useRef<HTMLElement>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const data = useMemo(() => props.data, [props.data]);
  return (
    <figure className="block-figure experiment-figure" ref={figure}>
      <figcaption>
        <span>{props.caption}</span>
        <ScaleLegend color={props.color} label={props.legend} />
        <ExportButtons target={figure} name={props.caption} />
      </figcaption>
      <MatrixHeatmap
        data={data}
        color={props.color}
        label={props.caption}
        describe={props.describe}
        onHover={setHover}
        onSelect={props.onSelect}
        maxCell={44}
        minRowHeight={18}
        markRow={props.mark?.row}
        markCol={props.mark?.col}
        testId={props.testId}
      />
      <p className="hover-readout" aria-live="polite">
        {hover ? `${formatValue(hover.value)} · ${hover.name} · ${hover.where}` : '\u00a0'}
      </p>
    </figure>
  );
}
