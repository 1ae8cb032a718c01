/**
 * The whole model drawn from the current trace (charts/model-overview): every part opens its
 * stage below. Redrawn when the trace, the temperature, the width or the language change;
 * the motion plays once per new trace. The run's numbers reach it as a deferred value: a
 * temperature step redraws the next-token bars in the frame after the key press and the
 * overview (a whole SVG) in a render after that, rather than both in one long task.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { drawModelOverview, type OverviewPart } from '../charts/model-overview';
import { formatPercent } from '../util/format';
import { useT } from '../i18n';
import { selectProbabilities, selectTopLogits, useActions, useApp } from '../store';
import { useWidth } from '../ui/use-width';
import { ExportButtons } from '../ui/ExportButtons';
import { tokenLabels } from '../ui/token-labels';
import { openStage } from './open-stage';
import { stageOfPart } from '../stages/registry';
import { formatNorm, lastTokenNorms, topNext } from './overview-data';

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export function ModelOverview() {
  const t = useT();
  const actions = useActions();
  const liveSummary = useApp((s) => s.trace.summary);
  const liveTraceId = useApp((s) => s.trace.traceId);
  const liveTokens = useApp((s) => s.trace.tokens);
  const liveTop = useApp(selectTopLogits);
  const liveProbs = useApp(selectProbabilities);
  const live = useMemo(
    () => ({ summary: liveSummary, traceId: liveTraceId, tokens: liveTokens, top: liveTop, probs: liveProbs }),
    [liveSummary, liveTraceId, liveTokens, liveTop, liveProbs],
  );
  const { summary, traceId, tokens, top, probs } = useDeferredValue(live);
  const stages = useApp((s) => s.stages);
  const { stage, layer } = useApp((s) => s.selection);
  const wrap = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const norms = useMemo(() => (summary ? lastTokenNorms(summary) : []), [summary]);
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    if (!summary || !probs) return;
    const n = (part: OverviewPart) => stages.indexOf(part.stage as (typeof stages)[number]) + 1;
    drawModelOverview(
      svg.current!,
      {
        tokens: tokenLabels(tokens),
        nLayer: summary.config.n_layer,
        norms,
        next: topNext(top, probs, 3),
        current: { stage, layer },
      },
      {
        width,
        stageOf: stageOfPart,
        text: (kind) => t(`first.part.${kind}`),
        layerText: (l, short) => t(short ? 'first.layer.short' : 'first.layer.long', { layer: l }),
        doorLabel: (part) => t(`first.door.${part.kind}`, { n: n(part), layer: part.layer ?? 0 }),
        normText: formatNorm,
        percent: formatPercent,
        label: t('first.overview.label'),
        onOpen: (part) => openStage(latest.current, stageOfPart(part.kind), part.layer),
        traceKey: String(traceId),
        reducedMotion: reducedMotion(),
      },
    );
  }, [summary, traceId, tokens, norms, top, probs, stage, layer, stages, width, t]);

  // Always laid out, so its width is measured before the first trace arrives.
  return (
    <figure className="model-overview" ref={wrap}>
      {summary ? (
        <figcaption>
          {t('first.overview.caption', { n: summary.config.n_layer })}{' '}
          <ExportButtons target={svg} name={t('first.overview.exportName')} />
        </figcaption>
      ) : (
        <p className="muted" role="status">
          {t('first.next.waiting')}
        </p>
      )}
      <svg
        ref={svg}
        data-testid="model-overview"
        data-norms={JSON.stringify(norms)}
        style={summary ? undefined : { display: 'none' }}
      />
      {summary && <p className="muted overview-legend">{t('first.overview.legend')}</p>}
    </figure>
  );
}
