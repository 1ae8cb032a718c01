/**
 * The experiments' part of the app state: what the person asked for (edits, a second prompt,
 * clean and corrupted prompts with their answers, the view) and what the worker answered.
 * Only the actions in experiment-actions.ts write it.
 */
import type { TokenInfo } from '../tokenizer';
import type { ProbeTokens } from '../model/interventions/induction-probe';
import type { TokenAttention, TraceSummary } from '../model/types';
import type { AttributionResult, HeadScoresResult, InductionProbeResult, SweepResult } from '../worker/experiments';
import type { Problem } from './experiment-inputs';
import type { AblationKind, AblationTarget, PatchCell, PatchHook } from './experiment-targets';
import type { ShownRun } from './shown-run';

export const EXPERIMENT_VIEWS = ['ablate', 'compare', 'patch', 'attribute', 'heads'] as const;
export type ExperimentView = (typeof EXPERIMENT_VIEWS)[number];
export const isExperimentView = (v: string): v is ExperimentView => (EXPERIMENT_VIEWS as readonly string[]).includes(v);

/** A request's answer and how it is going: the answer stays on screen while a newer one is computed or fails. */
export interface Pending<T> {
  result: T | null;
  pending: boolean;
  /** What went wrong with the last request; `result` is then still the previous answer. */
  error: Problem | null;
}

export const idle = <T>(): Pending<T> => ({ result: null, pending: false, error: null });

/**
 * The edited run of the current prompt beside its original, for the ablation view. One of the
 * two is the main trace (which the stages show), the other was run for this view.
 */
export interface EditedRun {
  /** The main trace these runs belong to. */
  traceId: number;
  /** The model both runs are of (a cached run is reused only for the same model, prompt and edits). */
  modelId: string | null;
  targets: AblationTarget[];
  kind: AblationKind;
  /** The unedited run. */
  original: TraceSummary;
  /** The run with the edits. */
  summary: TraceSummary;
}

/** The second prompt and its run, for comparing one token's residual stream across contexts. */
export interface CompareState {
  prompt: string;
  /** The chosen token of the second prompt; null follows its last token. */
  position: number | null;
  tokens: TokenInfo[];
  /** The second prompt's trace, and its chosen token's attention. */
  run: Pending<{ summary: TraceSummary; attention: TokenAttention }>;
  /** The attention of the main prompt's selected token, for the side-by-side view. */
  mainAttention: TokenAttention | null;
}

/** A patching sweep in progress: cells done (a running batch's in part) of all, to show and to cancel. */
export interface SweepProgress {
  hook: PatchHook;
  runId: number;
  done: number;
  total: number;
}

/** One cell's patch applied: the corrupted run with that activation from the clean run. */
export interface PatchedRun {
  cell: PatchCell;
  summary: TraceSummary;
  /** logit(answer) - logit(against) at the last position of the patched run. */
  logitDiff: number;
}

export interface PatchingState {
  clean: string;
  corrupted: string;
  /** The answer the clean prompt should give, and the one the corrupted prompt points to (each one token). */
  answer: string;
  against: string;
  hook: PatchHook;
  /** The last finished sweep of each hook, for the prompts it was made with. */
  sweeps: Partial<Record<PatchHook, SweepResult>>;
  progress: SweepProgress | null;
  patched: Pending<PatchedRun>;
  /** A sweep that could not start or failed (its inputs, or the worker's message). */
  error: Problem | null;
}

export interface AttributionState {
  /** The token whose logit is split, as text; '' means the predicted (top) token. */
  target: string;
  /** A second token for the logit difference target - against; '' for none. */
  against: string;
  run: Pending<AttributionResult>;
}

export interface ExperimentsState {
  view: ExperimentView;
  ablations: AblationTarget[];
  ablation: AblationKind;
  /** Which run the stages show while parts are switched off (back to 'original' when none is). */
  shown: ShownRun;
  edited: Pending<EditedRun>;
  compare: CompareState;
  patching: PatchingState;
  attribution: AttributionState;
  heads: Pending<HeadScoresResult>;
  probe: Pending<InductionProbeResult>;
}

export interface ExperimentActions {
  setExperimentView(view: ExperimentView): void;
  /** Switches a part off, or back on when it already is; re-runs the edited prompt. */
  toggleAblation(target: AblationTarget): void;
  setAblationKind(kind: AblationKind): void;
  /** Back to the original: no edits, and the stages show the original run. */
  clearAblations(): void;
  /** Shows the original or the edited run in every stage (the main trace is run again with or without the edits). */
  showRun(run: ShownRun): void;
  setComparePrompt(prompt: string): void;
  setComparePosition(position: number): void;
  loadPartyExample(): void;
  setPatchingInputs(inputs: Partial<Pick<PatchingState, 'clean' | 'corrupted' | 'answer' | 'against' | 'hook'>>): void;
  loadIndirectObjectExample(): void;
  runSweep(): Promise<void>;
  cancelSweep(): void;
  applyPatch(cell: PatchCell): Promise<void>;
  setAttributionTokens(target: string, against: string): void;
  runAttribution(): Promise<void>;
  runHeadScores(): Promise<void>;
  /** The repeated-random-tokens test, on tokens drawn from the given set. */
  runInductionProbe(tokens: ProbeTokens): Promise<void>;
}
