/**
 * The most likely next tokens as bars: length = softmax(logit / T), the logit and the
 * probability written out, tokens removed by top-k / top-p faded, the sampled one outlined.
 * Every row carries its exact numbers in data-* attributes.
 */
import { useEffect, useMemo, useRef } from 'react';
import { drawBars, type Bar } from '../../charts/bars';
import { formatCount, formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import type { LogitEntry } from '../../store';
import { tokenInfo } from '../../tokenizer';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';

export interface ProbabilityBarsProps {
  top: LogitEntry[];
  probs: Float64Array;
  final: Float64Array;
  sampled: number | null;
  caption: string;
  vocab: number;
  testId?: string;
  /**
   * Shown in place of the caption while there are no bars yet. The figure stays mounted
   * meanwhile, so when the first bars arrive its width is already known: measuring a newly
   * mounted figure forces a layout of the whole page inside the task that shows the trace
   * (about 19 ms of the first screen's first trace).
   */
  placeholder?: string;
}

export function ProbabilityBars({
  top,
  probs,
  final,
  sampled,
  caption,
  vocab,
  testId = 'probability-bars',
  placeholder,
}: ProbabilityBarsProps) {
  const t = useT();
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap);
  const bars: Bar[] = useMemo(
    () =>
      top.map(({ id, logit }) => ({
        key: String(id),
        label: tokenInfo(id).display,
        value: probs[id],
        valueText: t('softmax.bar.value', { p: formatPercent(probs[id]), logit: formatValue(logit) }),
        muted: final[id] === 0,
        attrs: { 'token-id': String(id), logit: String(logit), prob: String(probs[id]), final: String(final[id]) },
      })),
    [top, probs, final, t],
  );
  useEffect(() => {
    drawBars(svg.current!, bars, {
      width,
      label: caption,
      highlight: sampled === null ? undefined : String(sampled),
      describe: (bar) => ({
        title: bar.label,
        rows: [
          [t('softmax.tip.prob'), formatPercent(Number(bar.attrs!.prob))],
          [t('softmax.tip.final'), formatPercent(Number(bar.attrs!.final))],
          [t('softmax.tip.logit'), formatValue(Number(bar.attrs!.logit))],
          [t('softmax.tip.id'), bar.key],
          [t('softmax.tip.origin'), t('softmax.tip.originText', { vocab: formatCount(vocab) })],
        ],
      }),
    });
  }, [bars, width, caption, sampled, t, vocab]);
  const waiting = placeholder !== undefined && bars.length === 0;
  return (
    <figure className="bars-figure" ref={wrap}>
      {waiting ? (
        <p className="muted" role="status">
          {placeholder}
        </p>
      ) : (
        <figcaption>
          {caption} <ExportButtons target={svg} name={caption} />
        </figcaption>
      )}
      <svg ref={svg} data-testid={testId} aria-hidden={waiting || undefined} />
    </figure>
  );
}
