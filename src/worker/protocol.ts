/**
 * The messages between the page and the model worker. Every request carries an id;
 * every response names the request it answers. Plain data only (typed arrays are
 * transferred, not copied).
 *
 * Staleness: the worker keeps the last TraceSummary it computed, tagged with the id of
 * the trace request that made it. block / tokenAttention / logitLens / logitsAt name that trace id;
 * if the worker has moved on to a newer trace they are answered with a "stale" error
 * instead of numbers for another prompt. A new trace request drops any queued
 * (not yet started) trace-dependent work, answering it "cancelled".
 */
import type { GPT2Config } from '../model/config';
import type { HubRepo } from '../model/hub-repo';
import type { Neighbour } from '../analysis/vectors';
import type {
  BackendName,
  BlockTrace,
  LoadProgress,
  LogitLens,
  Matrix,
  PositionPrediction,
  TokenAttention,
  TraceSummary,
} from '../model/types';
import type {
  AttributionResult,
  EditRequest,
  HeadScoresResult,
  InductionProbeResult,
  SweepRequest,
  SweepResult,
} from './experiments';

/** Which model to load: its catalog id (for display) and the URL of its folder (ends with "/"). */
export interface ModelRef {
  id: string;
  url: string;
  /** Set for a checkpoint on the Hugging Face Hub: downloaded, converted and cached in the worker. */
  hub?: HubRepo;
}

/** Sampling settings of a generation run; they mirror the store's inputs. */
export interface SamplingSettings {
  /** 0 means greedy (argmax). */
  temperature: number;
  /** 0 means no top-k cut. */
  topK: number;
  /** 1 means no nucleus cut. */
  topP: number;
}

/** A candidate in a step's distribution, after temperature, top-k and top-p. */
export interface StepCandidate {
  id: number;
  prob: number;
}

/** One generated token and the distribution it was drawn from. */
export interface GenerationStep {
  /** 0-based step number within the run. */
  index: number;
  tokenId: number;
  /** Probability the sampler gave the chosen token. */
  prob: number;
  /** The most likely candidates of this step's distribution, best first. */
  top: StepCandidate[];
  /** How many tokens had non-zero probability after top-k and top-p. */
  candidates: number;
  /** Wall time of this step's forward pass and sampling, in ms. */
  ms: number;
}

export type GenerationEndReason = 'done' | 'stopped' | 'context-full';

export interface LoadedModel {
  id: string;
  config: GPT2Config;
  backend: BackendName;
  /** Threads of the wasm backend, or null on other backends. */
  threads: number | null;
  totalBytes: number;
  /** Download + upload + warm-up time in ms. */
  ms: number;
}

export type WorkerRequest =
  | { id: number; kind: 'load'; model: ModelRef; backends?: BackendName[] }
  | { id: number; kind: 'trace'; ids: number[] }
  | { id: number; kind: 'block'; traceId: number; layer: number }
  | { id: number; kind: 'tokenAttention'; traceId: number; position: number }
  | { id: number; kind: 'logitsAt'; traceId: number; position: number }
  /** Every position's prediction (the trace leaves them out: they cost a vocabulary readout per token). */
  | { id: number; kind: 'predictions'; traceId: number }
  /** The logit lens of the trace: costly, so asked for only where it is shown. */
  | { id: number; kind: 'logitLens'; traceId: number }
  | { id: number; kind: 'generate'; ids: number[]; steps: number; sampling: SamplingSettings; seed: number }
  /** Rows of W_E (the token embeddings) for these ids, in order. */
  | { id: number; kind: 'embeddingRows'; ids: number[] }
  /** The k tokens whose W_E rows are closest to `vector` by cosine, leaving out `exclude`. */
  | { id: number; kind: 'nearest'; vector: Float32Array; k: number; exclude: number[] }
  /** An edited run of a prompt (patches take their values from patchFrom's run); the last trace stays as it is. */
  | { id: number; kind: 'runEdited'; ids: number[]; edits: EditRequest[]; patchFrom?: number[] }
  /** A second prompt's trace and one token's attention, beside the last trace (which it does not replace). */
  | { id: number; kind: 'traceAside'; ids: number[]; position: number }
  /** Direct logit attribution at the last position of the last trace. */
  | { id: number; kind: 'attribute'; traceId: number; target: number; against: number | null }
  | { id: number; kind: 'headScores'; traceId: number }
  | { id: number; kind: 'inductionProbe'; length: number; seed: number }
  /** A patching sweep; reports 'sweepProgress' as it goes, and 'stop' ends it early. */
  | ({ id: number; kind: 'patchingSweep' } & SweepRequest)
  /** Ends a running generation after its current step, or a sweep at its next cell. */
  | { id: number; kind: 'stop'; target: number };

/** 'crashed': the worker died before answering (set by the client, never sent by the host). */
export type ErrorCode = 'cancelled' | 'stale' | 'no-model' | 'bad-request' | 'failed' | 'crashed';

export type WorkerResponse =
  | { id: number; kind: 'progress'; progress: LoadProgress }
  | { id: number; kind: 'loaded'; model: LoadedModel }
  | { id: number; kind: 'trace'; summary: TraceSummary; ms: number }
  | { id: number; kind: 'block'; block: BlockTrace; ms: number }
  | { id: number; kind: 'tokenAttention'; attention: TokenAttention }
  | { id: number; kind: 'logitsAt'; position: number; logits: Float32Array }
  | { id: number; kind: 'predictions'; predictions: PositionPrediction[]; ms: number }
  | { id: number; kind: 'logitLens'; lens: LogitLens; ms: number }
  | { id: number; kind: 'step'; step: GenerationStep }
  | { id: number; kind: 'generated'; reason: GenerationEndReason; steps: number }
  | { id: number; kind: 'embeddingRows'; rows: Matrix }
  | { id: number; kind: 'nearest'; neighbours: Neighbour[] }
  | { id: number; kind: 'runEdited'; summary: TraceSummary; ms: number }
  | { id: number; kind: 'traceAside'; summary: TraceSummary; attention: TokenAttention }
  | { id: number; kind: 'attribute'; attribution: AttributionResult }
  | { id: number; kind: 'headScores'; scores: HeadScoresResult }
  | { id: number; kind: 'inductionProbe'; probe: InductionProbeResult }
  | { id: number; kind: 'sweepProgress'; done: number; total: number }
  | { id: number; kind: 'patchingSweep'; sweep: SweepResult }
  /** A one-line message for people; never a stack trace. */
  | { id: number; kind: 'error'; code: ErrorCode; message: string };

/** The kinds of request, for typing handlers. */
export type RequestKind = WorkerRequest['kind'];
