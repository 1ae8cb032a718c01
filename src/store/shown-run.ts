/**
 * Which run of the prompt the stages show: the original, or the edited run (the parts switched
 * off in the Experiments region). With "edited" the main trace itself is made with the edits, so
 * every stage panel and follow-up (block, attention, logit lens, predictions) shows the edited
 * numbers with no change of its own. The badge is read back from the trace's own edits
 * (summary.edits), never from what was asked: it names what the numbers on screen were made with.
 */
import type { AppliedEdits } from '../model/interventions/edits';
import type { TraceSummary } from '../model/types';
import type { EditRequest } from '../worker/experiments';
import { stageSpec, type StageId } from '../stages/registry';
import type { ExperimentsState } from './experiment-state';
import { targetProblem, targetSpec, type AblationKind, type AblationTarget } from './experiment-targets';
import { memoLast } from './memo';
import type { AppState } from './state';

export const SHOWN_RUNS = ['original', 'edited'] as const;
export type ShownRun = (typeof SHOWN_RUNS)[number];
export const isShownRun = (v: string): v is ShownRun => (SHOWN_RUNS as readonly string[]).includes(v);

/** The edits of a set of ablations, as the worker (and the CLI) read them. */
export const ablationEdits = (targets: readonly AblationTarget[], kind: AblationKind): EditRequest[] =>
  targets.map((t) => ({ spec: targetSpec(t), kind }));

/**
 * The edits the next main trace is made with: the ablations when the edited run is to be
 * shown, else none (also when a part does not exist in this model: the ablation view says so).
 */
export function traceEdits(
  x: Pick<ExperimentsState, 'shown' | 'ablations' | 'ablation'>,
  config: Parameters<typeof targetProblem>[1] | null,
): EditRequest[] | undefined {
  if (x.shown !== 'edited' || x.ablations.length === 0 || !config) return undefined;
  if (x.ablations.some((t) => targetProblem(t, config) !== null)) return undefined;
  return ablationEdits(x.ablations, x.ablation);
}

/** What an edited trace was made with, for its badge. */
export interface ShownEdits {
  targets: AblationTarget[];
  kind: AblationKind;
  /** The first layer an edit touches: everything before it is the original run's. */
  firstLayer: number;
}

const SITE = /^blocks\.(\d+)\.(attn\.hook_z|hook_mlp_out|mlp\.hook_post)$/;

/** The ablation targets of applied edits; null when they are not all the page's ablations (e.g. a patch). */
export function editsTargets(applied: AppliedEdits | undefined): ShownEdits | null {
  if (!applied || applied.edits.length === 0) return null;
  const targets: AblationTarget[] = [];
  for (const e of applied.edits) {
    const m = SITE.exec(e.hook);
    if (!m || (e.kind !== 'zero' && e.kind !== 'mean') || e.positions) return null;
    const layer = Number(m[1]);
    if (m[2] === 'hook_mlp_out') targets.push({ part: 'mlp', layer });
    else if (m[2] === 'attn.hook_z') for (const head of e.heads ?? []) targets.push({ part: 'head', layer, head });
    else for (const neuron of e.neurons ?? []) targets.push({ part: 'neuron', layer, neuron });
  }
  if (targets.length === 0) return null;
  return {
    targets,
    kind: applied.edits[0].kind as AblationKind,
    firstLayer: Math.min(...targets.map((t) => t.layer)),
  };
}

const shownOf = memoLast((summary: TraceSummary | null) => editsTargets(summary?.edits));

/** What the main trace on screen was made with; null while it is the original run. */
export const selectShownEdits = (s: AppState): ShownEdits | null => shownOf(s.trace.summary);

/**
 * How a stage stands to the edits of the run it shows: 'edited' numbers; 'upstream' of the first
 * edited block (computed before any edit acts, so the same as the original run's); or
 * 'generation', which samples from the original model (the edits apply to the traced pass).
 */
export type EditReach = 'edited' | 'upstream' | 'generation';

export function editReach(stage: StageId, layer: number, firstLayer: number): EditReach {
  const edits = stageSpec(stage).edits;
  if (edits === 'original') return 'generation';
  return edits === 'before' || (edits === 'layer' && layer < firstLayer) ? 'upstream' : 'edited';
}

/**
 * The heads switched off in the block a stage shows: they still compute where they look (the
 * edit removes their output, z), so that block's attention patterns are the original's.
 */
export function headsStillLooking(stage: StageId, layer: number, edits: ShownEdits): AblationTarget[] {
  if (stageSpec(stage).edits !== 'layer') return [];
  return edits.targets.filter((t) => t.part === 'head' && t.layer === layer);
}
