/**
 * The shape of the app's state. Only store actions (actions.ts) write it; panels read it
 * through selectors. Everything computed from the model arrives from the worker.
 */
import type { GPT2Config } from '../model/config';
import type { Neighbour } from '../analysis/vectors';
import type { BackendName, BlockTrace, LoadProgress, Matrix, TokenAttention, TraceSummary } from '../model/types';
import type { TokenInfo } from '../tokenizer';
import type { HubRepo } from '../hub/hub-repo';
import type { CachedModel, GenerationEndReason, GenerationStep } from '../worker/protocol';
import type { ExperimentActions, ExperimentsState } from './experiment-state';
import type { FollowUpArgs, FollowUpMethod, RequestsState } from './requests';
import type { StageId } from '../stages/registry';

/** What the user controls. */
export interface Inputs {
  prompt: string;
  /** 0 = greedy (argmax); up to 2. */
  temperature: number;
  /** 0 = no top-k cut. */
  topK: number;
  /** 1 = no nucleus cut. */
  topP: number;
  seed: number;
  /** How many tokens "Generate" produces. */
  generateCount: number;
}

export type AttentionDirection = 'from' | 'to';

/** What the user is looking at. */
export interface Selection {
  stage: StageId;
  layer: number;
  head: number;
  /** The selected token's position in the prompt (kept within the prompt's length). */
  position: number;
  /** Attention view: where the selected token looks ("from") or who looks at it ("to"). */
  direction: AttentionDirection;
  /** The first screen shows where the selected token's heads look (opened by a click on a token). */
  inspect: boolean;
}

export type ModelPhase = 'idle' | 'loading' | 'ready' | 'error';

export interface ModelStatus {
  phase: ModelPhase;
  /** Catalog id of the model being loaded or loaded. */
  modelId: string | null;
  config: GPT2Config | null;
  backend: BackendName | null;
  /** Threads of the wasm backend, or null on other backends. */
  threads: number | null;
  progress: LoadProgress | null;
  /** One-line message when loading failed. */
  error: string | null;
  loadMs: number | null;
}

/** The model's numbers for the current prompt. */
export interface TraceData {
  /** The pieces of the prompt that were traced (after keeping the last n_positions). */
  tokens: TokenInfo[];
  /** Tokens dropped from the front because the prompt is longer than n_positions. */
  dropped: number;
  /** Id of the trace request that produced `summary` (names it in follow-up requests). */
  traceId: number | null;
  summary: TraceSummary | null;
  /** A trace is being computed for a newer prompt. */
  pending: boolean;
  ms: number | null;
  /** One-line message when the last trace failed. */
  error: string | null;
  /**
   * Why the model worker died while this trace ran (e.g. "the WebGL context was lost"), when
   * the store re-ran it on a fresh worker and it succeeded; null for an ordinary trace.
   */
  recoveredFrom: string | null;
  /** The selected layer's internals (fetched on the blocks stage). */
  block: BlockTrace | null;
  blockPending: boolean;
  /**
   * The selected token's attention in every layer and head (fetched on the blocks stage and for the first screen's
   * inspector).
   */
  tokenAttention: TokenAttention | null;
}

export interface GenerationState {
  running: boolean;
  /** Worker request id of the run, to stop it. */
  runId: number | null;
  /** The prompt ids the run continued. */
  promptIds: number[];
  /** The settings the run used, shown next to its result. */
  seed: number | null;
  steps: GenerationStep[];
  reason: GenerationEndReason | null;
  error: string | null;
}

/** One term of the embedding explorer's sum, e.g. -1 x " man". */
export interface EmbeddingTerm {
  id: number;
  sign: 1 | -1;
}

/** The embedding explorer's last query and what the worker answered. */
export interface ExplorerState {
  terms: EmbeddingTerm[];
  /** Tokens chosen for the dot / cosine table and the 2-D projection. */
  compare: number[];
  /** The ids whose W_E rows are in `rows`, in order (the terms' and compare's, without repeats). */
  rowIds: number[];
  rows: Matrix | null;
  /** Nearest tokens to the terms' signed sum by cosine, the terms themselves left out. */
  neighbours: Neighbour[] | null;
  /**
   * The answer the user expects from the sum (" queen" for king − man + woman), whose place the panel reports; its row
   * is in `rows`.
   */
  expected: number | null;
  pending: boolean;
  error: string | null;
}

export interface AppActions extends ExperimentActions {
  setPrompt(prompt: string): void;
  setTemperature(t: number): void;
  setTopK(k: number): void;
  setTopP(p: number): void;
  setSeed(seed: number): void;
  setGenerateCount(n: number): void;
  selectStage(stage: StageId): void;
  nextStage(): void;
  previousStage(): void;
  selectLayer(layer: number): void;
  selectHead(head: number): void;
  selectPosition(position: number): void;
  setDirection(direction: AttentionDirection): void;
  /** Selects a token and opens the first screen's view of where its heads look. */
  inspectToken(position: number): void;
  closeInspector(): void;
  loadModel(modelId: string): Promise<void>;
  /** Traces the current prompt now (skipping the debounce). */
  runTrace(): Promise<void>;
  generate(): Promise<void>;
  stopGeneration(): void;
  /** Whether this browser keeps models, and what it keeps of a Hub model (asked of the worker). */
  cachedModel(hub: HubRepo): Promise<CachedModel>;
  /** Removes a Hub model's conversion from this browser. */
  deleteCachedModel(hub: HubRepo): Promise<void>;
  /** Looks up W_E rows of the terms and compare tokens and the nearest tokens to the terms' signed sum. */
  exploreEmbeddings(terms: EmbeddingTerm[], compare: number[], expected?: number | null): Promise<void>;
  /** Asks the worker for a follow-up of the current trace once per arguments (panels use useFollowUp). */
  request<K extends FollowUpMethod>(method: K, ...args: FollowUpArgs<K>): Promise<void>;
}

export interface AppState {
  inputs: Inputs;
  selection: Selection;
  /** The stages this page shows, in order. */
  stages: readonly StageId[];
  model: ModelStatus;
  trace: TraceData;
  generation: GenerationState;
  explorer: ExplorerState;
  experiments: ExperimentsState;
  /** Follow-ups the panels asked for, of the current trace. */
  requests: RequestsState;
  actions: AppActions;
}
