/**
 * The attention view, the explainer's main interaction: click a token to see where each
 * head of the chosen layer sends its attention (or, switched, which tokens attend to it);
 * the chosen head's whole pattern as a heatmap; and every layer x head as small multiples,
 * where a click opens that head. All drawn from data already in the store: the selected
 * layer's pattern answers any token at once, so clicks and hovers need no model call.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useActions, useApp, type AttentionDirection } from '../../store';
import { tokenName, queryByKey } from '../../ui/describe';
import { Figure } from '../../ui/Figure';
import { Segmented } from '../../ui/Segmented';
import { headSlice } from '../../ui/tensor-views';
import { patternFor, viewWeights } from './attention-data';
import { AblateButton } from '../../ui/AblateButton';
import { HeadGrid } from './HeadGrid';
import { HeadSummary } from './HeadSummary';
import { HeadSwatches } from './HeadSwatches';
import { TokenLines } from './TokenLines';
import './attention.css';
import { hideTooltip } from '../../charts/tooltip';
import { blockHook } from '../../model/hooks';

const DIRECTIONS: readonly AttentionDirection[] = ['from', 'to'];

/** The token shown: the one being previewed (pointer or focus), else the selected one. */
const shownToken = (preview: number | null, position: number, count: number) =>
  preview !== null && preview < count ? preview : Math.min(position, count - 1);

export function AttentionView() {
  const t = useT();
  const { selectPosition, selectLayer, selectHead, setDirection } = useActions();
  const config = useApp((s) => s.model.config);
  const tokens = useApp((s) => s.trace.tokens);
  const block = useApp((s) => s.trace.block);
  const attention = useApp((s) => s.trace.tokenAttention);
  const { layer, head, position, direction } = useApp((s) => s.selection);
  const [preview, setPreview] = useState<number | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const labels = useMemo(() => tokens.map((tok) => tok.display), [tokens]);
  // The heatmap's marked row may follow a frame later; the lines may not (see useTraceView).
  const laterPosition = useDeferredValue(position);
  const laterPreview = useDeferredValue(preview);
  if (!config || labels.length === 0) return null;

  const selected = Math.min(position, labels.length - 1);
  const shown = shownToken(preview, position, labels.length);
  const markedLater = shownToken(laterPreview, laterPosition, labels.length);
  const all =
    viewWeights(block, attention, layer, shown, direction) ?? viewWeights(block, attention, layer, selected, direction);
  const visible = all?.filter((w) => !hidden.has(w.head)) ?? [];
  const pattern = patternFor(block, layer);
  const toggle = (h: number) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(h)) next.delete(h);
      else next.add(h);
      return next;
    });
  const only = (h: number) =>
    setHidden(new Set(Array.from({ length: config.n_head }, (_, i) => i).filter((i) => i !== h)));
  const open = (l: number, h: number) => {
    selectLayer(l);
    selectHead(h);
    setHidden(new Set());
  };
  const select = (p: number) => {
    hideTooltip();
    selectPosition(p);
  };

  return (
    <section className="attention-view" role="region" aria-labelledby="attention-title" data-testid="attention-view">
      <h3 id="attention-title">{t('attention.title')}</h3>
      <p className="step-explain">{t('attention.explain', { layer, nHead: config.n_head })}</p>
      <div className="attention-toolbar">
        <Segmented
          label={t('attention.direction.label')}
          options={DIRECTIONS}
          value={direction}
          onChange={setDirection}
          text={(d) => t(`attention.direction.${d}`)}
        />
        <HeadSwatches
          headCount={config.n_head}
          hidden={hidden}
          chosen={head}
          onToggle={toggle}
          onAll={() => setHidden(new Set())}
          onOnly={only}
        />
        <AblateButton target={{ part: 'head', layer, head }} />
      </div>
      <p className="attention-focus" aria-live="polite" data-testid="attention-focus">
        {t(`attention.focus.${direction}`, { token: tokenName(labels, shown), layer })}
        {/* Always laid out, shown only while previewing: the columns below must not move under the pointer. */}
        <span
          className="attention-preview"
          style={{ visibility: preview !== null && preview !== selected ? 'visible' : 'hidden' }}
        >
          {` ${t('attention.preview')}`}
        </span>
      </p>
      {all ? (
        <div className="attention-main">
          <TokenLines
            labels={labels}
            shown={shown}
            selected={selected}
            direction={direction}
            heads={visible}
            headCount={config.n_head}
            layer={layer}
            onPreview={setPreview}
            onSelect={select}
          />
          <HeadSummary heads={visible} labels={labels} direction={direction} />
        </div>
      ) : (
        <p className="block-waiting" role="status">
          {t('block.waiting.block', { layer })}
        </p>
      )}
      <div className="attention-lower">
        {pattern && (
          <Figure
            caption={t('attention.heatmap.caption', { layer, head })}
            matrix={headSlice(pattern, head)}
            rowLabels={labels}
            colLabels={labels}
            kind="probability"
            describe={queryByKey(
              t,
              labels,
              t('block.softmax.name'),
              blockHook(layer, 'attn.hook_pattern'),
              [...pattern.dims],
              head,
            )}
            onHover={() => undefined}
            onSelectRow={select}
            markRow={direction === 'from' ? markedLater : undefined}
            markCol={direction === 'to' ? markedLater : undefined}
            testId="attention-heatmap"
          />
        )}
        {attention && attention.position < labels.length && (
          // Until the newly selected token's rows arrive, the grid keeps showing (and naming) the previous token.
          <figure className="head-grid-figure" aria-busy={attention.position !== selected}>
            <figcaption>
              {t(`attention.grid.caption.${direction}`, { token: tokenName(labels, attention.position) })}
            </figcaption>
            <HeadGrid
              attention={attention}
              direction={direction}
              count={labels.length}
              layer={layer}
              head={head}
              token={tokenName(labels, attention.position)}
              onOpen={open}
            />
          </figure>
        )}
      </div>
    </section>
  );
}
