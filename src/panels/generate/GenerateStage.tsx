/**
 * Stage 7: continue the prompt token by token in the worker (KV cache), with the current
 * sampling settings and seed, streaming each step; stoppable at any moment.
 */
import type { ReactNode } from 'react';
import { useT, type TFunction } from '../../i18n';
import { decode } from '../../tokenizer';
import { LIMITS, useActions, useApp, type GenerationState } from '../../store';
import { Waiting } from '../../ui/Waiting';
import { StepTable } from './StepTable';

function statusText(t: TFunction, g: GenerationState, total: number): string {
  const n = g.steps.length;
  if (g.error) return t('generate.error', { message: g.error });
  if (g.running) return t('generate.running', { n, total });
  const ms = n > 0 ? Math.round(g.steps.reduce((sum, s) => sum + s.ms, 0) / n) : 0;
  if (g.reason === 'done') return t('generate.done', { n, ms });
  if (g.reason === 'stopped') return t('generate.stopped', { n });
  if (g.reason === 'context-full') return t('generate.full', { n });
  return t('generate.none');
}

/** controls: the sampling controls the run uses (the softmax stage's own). */
export function GenerateStage({ controls }: { controls: ReactNode }) {
  const t = useT();
  const g = useApp((s) => s.generation);
  const ready = useApp((s) => s.trace.summary !== null);
  const count = useApp((s) => s.inputs.generateCount);
  const { generate, stopGeneration, setGenerateCount } = useActions();
  const generatedIds = g.steps.map((s) => s.tokenId);
  const continuation = decode(generatedIds);
  return (
    <div className="stage-body">
      {controls}
      <div className="generate-row">
        <label className="control">
          <span>{t('generate.count')}</span>
          <input
            type="number"
            min={LIMITS.generateCount.min}
            max={LIMITS.generateCount.max}
            value={count}
            onChange={(e) => setGenerateCount(e.target.valueAsNumber)}
          />
        </label>
        <button
          type="button"
          className="primary"
          aria-label="Generate"
          onClick={() => void generate()}
          disabled={!ready || g.running}
        >
          {t('generate.button')}
        </button>
        <button type="button" onClick={stopGeneration} disabled={!g.running}>
          {t('generate.stop')}
        </button>
      </div>
      {!ready && <Waiting />}
      <p
        className="generate-status"
        role="status"
        data-testid="generate-status"
        data-running={g.running}
        data-reason={g.reason ?? ''}
      >
        {statusText(t, g, count)}
      </p>
      {g.steps.length > 0 && (
        <>
          <figure className="generated">
            <figcaption>{t('generate.output')}</figcaption>
            <p data-testid="generated-text" data-text={continuation} data-ids={JSON.stringify(generatedIds)}>
              <span className="prompt-part">{decode(g.promptIds)}</span>
              <mark>{continuation}</mark>
            </p>
          </figure>
          <StepTable steps={g.steps} />
        </>
      )}
    </div>
  );
}
