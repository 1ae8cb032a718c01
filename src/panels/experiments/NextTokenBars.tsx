/**
 * The most likely next tokens of one run as probability bars (temperature 1), each row
 * carrying its token id, logit and probability, so the original and the edited run can be
 * read side by side and checked against the CLI.
 */
import { useEffect, useMemo, useRef } from 'react';
import { drawBars, type Bar } from '../../charts/bars';
import { formatPercent } from '../../util/format';
import { useT } from '../../i18n';
import { softmax } from '../../sampling';
import { topLogits } from '../../store';
import { tokenInfo } from '../../tokenizer';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';

const SHOWN = 8;

interface Props {
  logits: Float32Array;
  caption: string;
  testId: string;
  /** The probability a full-length bar stands for (default: this run's largest). */
  max?: number;
}

export function NextTokenBars({ logits, caption, testId, max }: Props) {
  const t = useT();
  const wrap = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const bars: Bar[] = useMemo(() => {
    const probs = softmax(logits);
    return topLogits(logits, SHOWN).map(({ id, logit }) => ({
      key: String(id),
      label: tokenInfo(id).display,
      value: probs[id],
      valueText: formatPercent(probs[id]),
      attrs: { 'token-id': String(id), logit: String(logit), prob: String(probs[id]) },
    }));
  }, [logits]);
  useEffect(() => {
    drawBars(svg.current!, bars, {
      width,
      max,
      label: caption,
      describe: (bar) => ({
        title: bar.label,
        rows: [
          [t('softmax.tip.prob'), formatPercent(Number(bar.attrs!.prob))],
          [t('softmax.tip.logit'), formatValue(Number(bar.attrs!.logit))],
          [t('softmax.tip.id'), bar.key],
        ],
      }),
    });
  }, [bars, width, caption, t, max]);
  return (
    <figure className="bars-figure" ref={wrap}>
      <figcaption>
        {caption} <ExportButtons target={svg} name={caption} />
      </figcaption>
      <svg ref={svg} data-testid={testId} />
    </figure>
  );
}
