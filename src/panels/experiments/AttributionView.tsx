/**
 * "Logit attribution": the predicted token's logit (or a chosen token's, or a difference of
 * two) split into every part's direct contribution, as sorted signed bars, with their sum
 * set against the logit. A head's bar opens that head in the attention view.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { sortedContributions, type Contribution } from '../../analysis/experiment-effects';
import { drawSignedBars, type SignedBar } from '../../charts/signed-bars';
import { useT } from '../../i18n';
import { argmax } from '../../sampling/softmax';
import { useActions, useApp } from '../../store';
import { parseTargetName } from '../../store/experiment-targets';
import { tokenInfo } from '../../tokenizer';
import type { AttributionResult } from '../../worker/experiments';
import { formatValue } from '../../ui/hover-info';
import { useWidth } from '../../ui/use-width';
import { ExportButtons } from '../../ui/ExportButtons';
import { useOpenHead } from './open-head';
import { Busy, ExperimentSection } from './ExperimentSection';
import { ProblemLine } from './ProblemLine';
import { RunSwitch } from './RunSwitch';

/** Bars drawn one by one; the smallest parts beyond them are summed into one bar, so the total stays exact. */
const SHOWN_PARTS = 24;

/** The parts to draw: all of them, or the largest by size and one bar for the rest. */
export function shownParts(parts: Contribution[], restName: (n: number) => string): Contribution[] {
  if (parts.length <= SHOWN_PARTS + 1) return parts;
  const bySize = [...parts].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const kept = new Set(bySize.slice(0, SHOWN_PARTS).map((p) => p.name));
  const rest = parts.filter((p) => !kept.has(p.name));
  const restValue = rest.reduce((s, p) => s + p.value, 0);
  return [...parts.filter((p) => kept.has(p.name)), { name: restName(rest.length), value: restValue }];
}

function AttributionChart({ result }: { result: AttributionResult }) {
  const t = useT();
  const openHead = useOpenHead();
  const wrap = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const { parts, sum } = useMemo(() => sortedContributions(result.components), [result]);
  const token = tokenInfo(result.target).display;
  const against = result.against === null ? null : tokenInfo(result.against).display;
  const what = against === null ? t('exp.attr.logit', { token }) : t('exp.attr.diff', { token, against });
  const caption = t('exp.attr.chart', { what });
  const bars: SignedBar[] = useMemo(
    () =>
      shownParts(parts, (n) => t('exp.attr.rest', { n })).map((p) => ({
        key: p.name,
        label: p.name,
        value: p.value,
        valueText: formatValue(p.value),
        selectable: parseTargetName(p.name)?.part === 'head',
      })),
    [parts, t],
  );
  useEffect(() => {
    drawSignedBars(svg.current!, bars, {
      width,
      label: caption,
      describe: (bar) => ({
        title: bar.label,
        rows: [
          [t('exp.attr.tip.value'), formatValue(bar.value)],
          [t('exp.attr.tip.part'), bar.label],
        ],
      }),
      onSelect: (bar) => {
        const head = parseTargetName(bar.key);
        if (head?.part === 'head') openHead(head.layer, head.head);
      },
    });
  }, [bars, width, caption, t, openHead]);
  return (
    <figure className="bars-figure" ref={wrap}>
      <figcaption>
        {caption} <ExportButtons target={svg} name={caption} />
      </figcaption>
      <svg
        ref={svg}
        data-testid="attribution-bars"
        data-logit={result.logit}
        data-components={JSON.stringify(result.components)}
      />
      <p className="step-numbers" data-testid="attribution-sum" data-sum={sum}>
        {t('exp.attr.sum', {
          sum: formatValue(sum),
          what,
          logit: formatValue(result.logit),
          error: formatValue(result.logit - sum),
        })}
      </p>
      <p className="muted">{t('exp.attr.open')}</p>
    </figure>
  );
}

export function AttributionView() {
  const t = useT();
  const { setAttributionTokens } = useActions();
  const attribution = useApp((s) => s.experiments.attribution);
  const logits = useApp((s) => s.trace.summary?.lastLogits);
  const [draft, setDraft] = useState({ target: attribution.target, against: attribution.against });
  useEffect(
    () => setDraft({ target: attribution.target, against: attribution.against }),
    [attribution.target, attribution.against],
  );
  const predicted = logits ? tokenInfo(argmax(logits)).display : '';
  const { run } = attribution;
  return (
    <ExperimentSection
      name="Logit attribution"
      title="exp.view.attribute"
      explain="exp.attr.explain"
      caveat="exp.attr.caveat"
      testId="attribution"
    >
      <RunSwitch toggle={false} />
      <form
        className="experiment-inputs"
        onSubmit={(e) => {
          e.preventDefault();
          setAttributionTokens(draft.target, draft.against);
        }}
      >
        <label>
          {t('exp.attr.target')}
          <input
            type="text"
            value={draft.target}
            placeholder={predicted}
            onChange={(e) => setDraft({ ...draft, target: e.target.value })}
          />
        </label>
        <label>
          {t('exp.attr.against')}
          <input type="text" value={draft.against} onChange={(e) => setDraft({ ...draft, against: e.target.value })} />
        </label>
        <button type="submit">{t('exp.attr.run')}</button>
      </form>
      <p className="muted">{t('exp.attr.predicted', { token: predicted })}</p>
      <ProblemLine problem={run.error} />
      <Busy when={run.pending} />
      {run.result && <AttributionChart result={run.result} />}
    </ExperimentSection>
  );
}
