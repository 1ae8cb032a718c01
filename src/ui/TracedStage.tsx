/**
 * The frame of a stage drawn from the trace summary: "waiting" until the model has traced
 * the prompt, then the stage's body, given what such a body needs: the translator, the
 * summary (never null there) and its model's config, the tokens and the selected position.
 */
import type { ReactNode } from 'react';
import type { GPT2Config } from '../model/config';
import type { TraceSummary } from '../model/types';
import { useT, type TFunction } from '../i18n';
import { useTraceView } from './use-trace';
import { Waiting } from './Waiting';

export type TracedView = ReturnType<typeof useTraceView> & { t: TFunction; summary: TraceSummary; config: GPT2Config };

export function TracedStage({ children }: { children: (view: TracedView) => ReactNode }) {
  const t = useT();
  const view = useTraceView();
  if (!view.summary) return <Waiting />;
  return (
    <div className="stage-body">{children({ ...view, t, summary: view.summary, config: view.summary.config })}</div>
  );
}
