/**
 * Stage 4, a transformer block: pick a layer, a head and a token, explore the attention
 * view, then follow the block one operation at a time with the prompt's real numbers.
 * The block's internals arrive from the worker for the selected layer; until they do
 * (or while a newer layer is on its way) the stage says so instead of showing old numbers.
 */
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { useActions, useApp } from '../../store';
import { useTraceView } from '../../ui/use-trace';
import { BlockControls } from './BlockControls';
import { HoverReadout } from './HoverReadout';
import { createHoverStore } from './hover-store';
import { StepNav } from './StepNav';
import { StepView } from './StepView';
import type { BlockStep, ScoreForm } from './steps';
import './block.css';

/** attention and neurons: the views drawn above and below the walkthrough (composed in src/stages/views.tsx). */
export function BlockStage({ attention, neurons }: { attention: ReactNode; neurons: ReactNode }) {
  const t = useT();
  const { selectPosition } = useActions();
  const config = useApp((s) => s.model.config);
  // The position is deferred there: a token click draws the attention lines first.
  const { summary, labels, position } = useTraceView();
  const block = useApp((s) => s.trace.block);
  const blockPending = useApp((s) => s.trace.blockPending);
  const { layer, head } = useApp((s) => s.selection);
  const [step, setStep] = useState<BlockStep>('ln1');
  const [scoreForm, setScoreForm] = useState<ScoreForm>('raw');
  const [hover] = useState(createHoverStore);

  if (!config || !summary || labels.length === 0) {
    return <p className="block-waiting">{t('block.waiting.trace')}</p>;
  }
  const current = block && block.layer === layer ? block : null;
  return (
    <div className="block-stage">
      <BlockControls labels={labels} />
      {attention}
      <section className="block-walkthrough" aria-labelledby="block-walkthrough-title">
        <h3 id="block-walkthrough-title">{t('block.walkthrough.title', { layer })}</h3>
        <StepNav step={step} onStep={setStep} />
        <HoverReadout store={hover} />
        {current ? (
          <StepView
            step={step}
            block={current}
            summary={summary}
            config={config}
            head={head}
            position={position}
            labels={labels}
            onHover={hover.set}
            onSelectToken={selectPosition}
            scoreForm={scoreForm}
            onScoreForm={setScoreForm}
          />
        ) : (
          <p className="block-waiting" role="status">
            {t(blockPending ? 'block.waiting.block' : 'block.waiting.none', { layer })}
          </p>
        )}
      </section>
      {neurons}
    </div>
  );
}
