/** The shared colour legend (charts/legend.ts) as a React element beside a figure's caption. */
import { useEffect, useRef } from 'react';
import type { ColorScale } from '../charts/heatmap';
import { drawLegend } from '../charts/legend';
import { formatValue } from './hover-info';

export function ScaleLegend({ color, label }: { color: ColorScale; label: string }) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => drawLegend(ref.current!, color, { width: 200, label, format: formatValue }), [color, label]);
  return <svg ref={ref} className="scale-legend" />;
}
