/**
 * What the bench script asks the bench page to run, and what the page answers. Plain
 * JSON both ways: the script passes a job to page.evaluate and gets the result back.
 */
import type { BackendName } from '../../../src/model/types';
import type { OursExperimentRow } from '../experiments';
import type { ExperimentsJob } from './experiments';

/** Median, quartiles, fastest and slowest of some timings, in milliseconds (or of ratios). */
export interface Stat {
  median: number;
  /** First and third quartiles: the middle half of the runs lies between them. */
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** How many timed runs (after the warm-up). */
  runs: number;
}

/** Timing settings shared by both runtimes. */
export interface TimingPlan {
  /** Timed runs per figure (the median is reported). */
  runs: number;
  /** Seconds of warm-up per prompt length before timing: wasm keeps re-optimising for seconds after load. */
  warmupSeconds: number;
  /** Threads for the wasm runtimes (TF.js wasm and onnxruntime-web). */
  threads: number;
}

/** Full-vocabulary logit rows of one prompt, to check that the two runtimes agree. */
export interface LogitRows {
  tokens: number;
  positions: number[];
  /** One base64-encoded little-endian Float32Array of vocab values per position. */
  rows: string[];
  /** The last position's logits from the runtime's next-token path, base64 as above. */
  last: string;
}

/** Opens our runtime on one backend and one model in the page, which keeps it for the calls that follow. */
export interface OursOpenJob {
  backend: BackendName;
  /** URL of the model folder, ending with "/". */
  modelUrl: string;
  threads: number;
  /** Timed as the first trace after the weights are on the backend. */
  firstPrompt: number[];
}

/** What opening the runtime cost. */
export interface OursOpened {
  backend: BackendName;
  /** Threads the wasm backend really used (getThreadsCount), or null on other backends. */
  threads: number | null;
  crossOriginIsolated: boolean;
  model: string;
  /** Bytes fetched for the model (model.json and shards). */
  downloadBytes: number;
  /** Fetch, verify and widen the weights (loadWeights), ms. */
  loadMs: number;
  /** Upload the weights to the backend (createRuntime), ms. */
  uploadMs: number;
  /** The first trace after createRuntime (shader compilation on WebGL), ms, and its token count. */
  firstTraceMs: number;
  firstTraceTokens: number;
  /** Tensor bytes held once the model is loaded (tf.memory().numBytes). */
  weightTensorBytes: number;
}

/** The calls of ours that the script times one at a time, alternating with the peer's. */
export type OursCall = 'nextLogits' | 'run' | 'trace';

/** The figures of the open runtime that are not paired with the peer, timed in the page. */
export interface OursDetailsJob {
  /** Token ids, one prompt per length. */
  prompts: number[][];
  /** Timed runs of the logit lens; generation is timed over this many new tokens, with and without the KV cache. */
  runs: number;
  /** Prompt (index into prompts) whose logits are returned for the agreement check, or -1. */
  checkPrompt: number;
  /** Prompt (index into prompts) to profile kernel by kernel (tf.profile), or -1. */
  profilePrompt: number;
  /** Prompts (indices into prompts) whose nextLogits() is profiled for the side by side with the peer's profile. */
  sideBySidePrompts: number[];
}

export interface OursLengthDetails {
  tokens: number;
  /** logitLensOf(runtime, trace), on request (n_layer vocabulary readouts per token); one run past 256 tokens. */
  lens: Stat;
  /** Generation with the KV cache: ms per new token (session.step). */
  cachedStep: Stat;
  /** Generation without a cache: ms per new token, re-running the whole prompt each time (nextLogits). */
  uncachedStep: Stat;
  memory: MemoryFigures;
}

export interface OursDetails {
  lengths: OursLengthDetails[];
  check: LogitRows | null;
  profile: KernelProfile | null;
  sideBySide: SideBySideProfile[];
}

/** Time spent in one kind of TF.js kernel during one call. */
export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
}

/**
 * Where one last-position call's time goes, per kernel (ours, tf.profile) or per operator
 * type (the peer, onnxruntime's profiler), biggest first: of several profiled calls, the
 * one whose kernels took the median time.
 */
export interface SideBySideProfile {
  tokens: number;
  /** The profiled call's own time, ms (profiling adds to it). */
  wallMs: number;
  kernels: KernelTime[];
}

/** Where the time of one explainer run (trace without predictions) and one nextLogits() goes, biggest first. */
export interface KernelProfile {
  tokens: number;
  trace: KernelTime[];
  nextLogits: KernelTime[];
}

export interface MemoryFigures {
  /** Peak bytes of TF.js tensors during one trace (tf.profile), including the weights. */
  peakTensorBytes: number;
  /** JS heap in use after the runs (performance.memory), bytes. */
  jsHeapBytes: number;
  /** Size of the wasm linear memory after the runs (it only grows, so it is a peak), or null on other backends. */
  wasmMemoryBytes: number | null;
}

/** One prompt length: the timed calls (alternating with the peer's where it runs) and the details. */
export interface OursLengthResult extends OursLengthDetails {
  /** runtime.nextLogits: the last position's logits only. */
  nextLogits: Stat;
  /**
   * The explainer's run as the page makes it: runtime.trace(ids, { predictions: false }),
   * every stage at every position (embeddings, residual stream, final LayerNorm) and the
   * next-token logits. Comparison (a).
   */
  run: Stat;
  /** runtime.trace(ids): the same plus every position's prediction, read out of all-position logits. Comparison (b). */
  trace: Stat;
}

/** Our runtime on one backend and one model, over several prompts. */
export interface OursResult extends OursOpened {
  lengths: OursLengthResult[];
  check: LogitRows | null;
  profile: KernelProfile | null;
  /** nextLogits() profiled at the lengths the peer's last-position graph is profiled at (absent in older results). */
  sideBySide?: SideBySideProfile[];
}

/** Opens onnxruntime-web on the same weights exported to ONNX, both graphs at once. */
export interface PeerOpenJob {
  /** URL of the folder holding logits-last.onnx and logits-all.onnx (+ .data), ending with "/". */
  onnxUrl: string;
  /** URL of onnxruntime-web's dist folder, ending with "/". */
  ortUrl: string;
  threads: number;
}

/** The peer's two graphs. */
export type PeerCall = 'last' | 'all';

export interface PeerOpened {
  version: string;
  /** ort.env.wasm.numThreads as the session ran (1 when not cross-origin isolated). */
  threads: number;
  crossOriginIsolated: boolean;
  /** Bytes fetched for each graph and its weights. */
  downloadBytes: { last: number; all: number };
  /** Fetch and create each session, ms. */
  loadMs: { last: number; all: number };
}

export interface PeerLengthResult {
  tokens: number;
  /** logits-last.onnx: the last position's logits. */
  lastLogits: Stat;
  /** logits-all.onnx: logits at every position. */
  allLogits: Stat;
  jsHeapBytes: number;
}

export interface PeerResult extends PeerOpened {
  lengths: PeerLengthResult[];
  check: LogitRows | null;
  /** Its last-position graph under onnxruntime's profiler (absent in older results). */
  profiles?: SideBySideProfile[];
}

/** Profiles the peer's last-position graph in a page of its own (the profiler stays on for the session's life). */
export interface PeerProfileJob extends PeerOpenJob {
  prompts: number[][];
  /** Untimed runs before each length's profiled ones. */
  warmups: number;
  runs: number;
}

/** What the page puts on window for the script: one runtime of each kind per page, opened once. */
export interface BenchPage {
  oursOpen(job: OursOpenJob): Promise<OursOpened>;
  /** Runs one call on the open runtime and answers its time, ms. */
  oursTime(job: { call: OursCall; ids: number[] }): Promise<number>;
  oursDetails(job: OursDetailsJob): Promise<OursDetails>;
  /** The experiments rows on the open runtime (page/experiments.ts). */
  oursExperiments(job: ExperimentsJob): Promise<OursExperimentRow[]>;
  oursClose(): Promise<void>;
  peerOpen(job: PeerOpenJob): Promise<PeerOpened>;
  /** Runs one graph and answers its time, ms. */
  peerTime(job: { call: PeerCall; ids: number[] }): Promise<number>;
  /** The last-position logits and the all-position logits at `positions`, for the agreement check. */
  peerCheck(job: { ids: number[]; positions: number[] }): Promise<LogitRows>;
  /** The peer's last-position graph profiled by onnxruntime: what its profiler printed, line by line. */
  peerProfile(job: PeerProfileJob): Promise<string[]>;
  /** The JS heap in use, bytes. */
  jsHeap(): Promise<number>;
  peerClose(): Promise<void>;
}
