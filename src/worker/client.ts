/**
 * The page's side of the worker protocol: turns requests into promises, routes progress
 * and generation steps to callbacks, and turns error messages into RequestError.
 * It knows nothing of TF.js; the port can be a real Worker or, in tests, an in-process host.
 */
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
  ErrorCode,
  GenerationEndReason,
  GenerationStep,
  LoadedModel,
  ModelRef,
  SamplingSettings,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import type {
  AttributionResult,
  EditRequest,
  HeadScoresResult,
  InductionProbeResult,
  SweepRequest,
  SweepResult,
} from './experiments';

/** What the client needs from a Worker (or a stand-in that speaks the same messages). */
export interface MessagePortLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  /**
   * Reports that the worker died (or threw outside any request): its pending replies will
   * never come. The next message starts a fresh worker (see spawn.ts).
   */
  onCrash?(listener: (message: string) => void): void;
  terminate?(): void;
}

export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For 'crashed': why the worker stopped, in one line (the message says it too). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The reason a request failed because its worker died, or null for any other failure. */
export const crashReason = (e: unknown): string | null =>
  e instanceof RequestError && e.code === 'crashed' ? (e.reason ?? e.message) : null;

/** True for errors that only mean "this answer is no longer wanted": not worth showing. */
export const isSuperseded = (e: unknown): boolean =>
  e instanceof RequestError && (e.code === 'cancelled' || e.code === 'stale');

export interface TraceResult {
  /** Names this trace in later block / tokenAttention / logitLens / logitsAt requests. */
  traceId: number;
  summary: TraceSummary;
  ms: number;
}

export interface GenerationRun {
  id: number;
  done: Promise<{ reason: GenerationEndReason; steps: number }>;
}

export interface SweepRun {
  id: number;
  done: Promise<SweepResult>;
}

export interface ModelClient {
  load(model: ModelRef, backends?: BackendName[], onProgress?: (p: LoadProgress) => void): Promise<LoadedModel>;
  trace(ids: number[]): Promise<TraceResult>;
  block(traceId: number, layer: number): Promise<{ block: BlockTrace; ms: number }>;
  tokenAttention(traceId: number, position: number): Promise<TokenAttention>;
  logitsAt(traceId: number, position: number): Promise<Float32Array>;
  /** Every position's prediction (traces from the worker come without them). */
  predictions(traceId: number): Promise<PositionPrediction[]>;
  logitLens(traceId: number): Promise<{ lens: LogitLens; ms: number }>;
  generate(
    ids: number[],
    steps: number,
    sampling: SamplingSettings,
    seed: number,
    onStep: (s: GenerationStep) => void,
  ): GenerationRun;
  stop(generationId: number): void;
  /** W_E rows of the given token ids, [ids.length, n_embd]. */
  embeddingRows(ids: number[]): Promise<Matrix>;
  /** The k tokens nearest to a vector by cosine in W_E, best first, leaving out `exclude`. */
  nearest(vector: Float32Array, k: number, exclude: number[]): Promise<Neighbour[]>;
  /** An edited run of a prompt; `patchFrom` is the prompt whose activations patches take. */
  runEdited(ids: number[], edits: EditRequest[], patchFrom?: number[]): Promise<{ summary: TraceSummary; ms: number }>;
  /** A second prompt's trace and its token's attention, leaving the worker's last trace in place. */
  traceAside(ids: number[], position: number): Promise<{ summary: TraceSummary; attention: TokenAttention }>;
  attribute(traceId: number, target: number, against: number | null): Promise<AttributionResult>;
  headScores(traceId: number): Promise<HeadScoresResult>;
  inductionProbe(length: number, seed: number): Promise<InductionProbeResult>;
  /** Starts a sweep; `stop(run.id)` ends it early (its promise then fails as cancelled). */
  patchingSweep(request: SweepRequest, onProgress: (done: number, total: number) => void): SweepRun;
  dispose(): void;
}

interface Pending {
  resolve: (r: WorkerResponse) => void;
  reject: (e: RequestError) => void;
  /** Non-final messages (progress, steps) for this request. */
  onEvent?: (r: WorkerResponse) => void;
}

/** Message kinds that report on a request without finishing it. */
const EVENT_KINDS = new Set<WorkerResponse['kind']>(['progress', 'step', 'sweepProgress']);

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export function createModelClient(port: MessagePortLike): ModelClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** The last model the worker loaded, and whether a fresh worker still has to load it. */
  let lastLoad: { model: ModelRef; backends?: BackendName[] } | null = null;
  let reloadAfterCrash = false;

  // A crashed worker answers nothing: fail what is waiting, and have the fresh worker load
  // the same model before the next request, so the page carries on where it was.
  port.onCrash?.((message) => {
    const error = new RequestError(
      'crashed',
      `the model worker stopped (${message}); the next request restarts it`,
      message,
    );
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    reloadAfterCrash = lastLoad !== null;
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (EVENT_KINDS.has(msg.kind)) {
      p.onEvent?.(msg);
      return;
    }
    pending.delete(msg.id);
    if (msg.kind === 'error') p.reject(new RequestError(msg.code, msg.message));
    else p.resolve(msg);
  });

  function send(
    body: RequestBody,
    onEvent?: (r: WorkerResponse) => void,
  ): { id: number; reply: Promise<WorkerResponse> } {
    if (reloadAfterCrash && body.kind !== 'load' && lastLoad) {
      reloadAfterCrash = false;
      // Queued first in the fresh worker; if it fails, the request after it says "no model is loaded".
      send({ kind: 'load', ...lastLoad }).reply.catch(() => undefined);
    }
    const id = nextId++;
    const reply = new Promise<WorkerResponse>((resolve, reject) => pending.set(id, { resolve, reject, onEvent }));
    port.postMessage({ ...body, id } as WorkerRequest);
    return { id, reply };
  }

  /** Sends a request and narrows the final reply to the kind expected. */
  async function ask<K extends WorkerResponse['kind']>(
    body: RequestBody,
    kind: K,
    onEvent?: (r: WorkerResponse) => void,
  ) {
    const r = await send(body, onEvent).reply;
    if (r.kind !== kind) throw new RequestError('failed', `unexpected reply "${r.kind}" to "${body.kind}"`);
    return r as Extract<WorkerResponse, { kind: K }>;
  }

  return {
    async load(model, backends, onProgress) {
      reloadAfterCrash = false;
      // Catalog URLs are relative to the page; the worker would resolve them against its own
      // script's URL (assets/), so they travel absolute.
      const url = typeof location === 'undefined' ? model.url : new URL(model.url, location.href).href;
      const r = await ask({ kind: 'load', model: { ...model, url }, backends }, 'loaded', (e) => {
        if (e.kind === 'progress') onProgress?.(e.progress);
      });
      lastLoad = { model: { ...model, url }, backends };
      return r.model;
    },
    async trace(ids) {
      const { id, reply } = send({ kind: 'trace', ids });
      const r = await reply;
      if (r.kind !== 'trace') throw new RequestError('failed', `unexpected reply "${r.kind}" to "trace"`);
      return { traceId: id, summary: r.summary, ms: r.ms };
    },
    async block(traceId, layer) {
      const r = await ask({ kind: 'block', traceId, layer }, 'block');
      return { block: r.block, ms: r.ms };
    },
    async tokenAttention(traceId, position) {
      return (await ask({ kind: 'tokenAttention', traceId, position }, 'tokenAttention')).attention;
    },
    async predictions(traceId) {
      return (await ask({ kind: 'predictions', traceId }, 'predictions')).predictions;
    },
    async logitLens(traceId) {
      const r = await ask({ kind: 'logitLens', traceId }, 'logitLens');
      return { lens: r.lens, ms: r.ms };
    },
    async logitsAt(traceId, position) {
      return (await ask({ kind: 'logitsAt', traceId, position }, 'logitsAt')).logits;
    },
    generate(ids, steps, sampling, seed, onStep) {
      const { id, reply } = send({ kind: 'generate', ids, steps, sampling, seed }, (e) => {
        if (e.kind === 'step') onStep(e.step);
      });
      const done = reply.then((r) => {
        if (r.kind !== 'generated') throw new RequestError('failed', `unexpected reply "${r.kind}" to "generate"`);
        return { reason: r.reason, steps: r.steps };
      });
      return { id, done };
    },
    async embeddingRows(ids) {
      return (await ask({ kind: 'embeddingRows', ids }, 'embeddingRows')).rows;
    },
    async nearest(vector, k, exclude) {
      return (await ask({ kind: 'nearest', vector, k, exclude }, 'nearest')).neighbours;
    },
    async runEdited(ids, edits, patchFrom) {
      const r = await ask({ kind: 'runEdited', ids, edits, ...(patchFrom && { patchFrom }) }, 'runEdited');
      return { summary: r.summary, ms: r.ms };
    },
    async traceAside(ids, position) {
      const r = await ask({ kind: 'traceAside', ids, position }, 'traceAside');
      return { summary: r.summary, attention: r.attention };
    },
    async attribute(traceId, target, against) {
      return (await ask({ kind: 'attribute', traceId, target, against }, 'attribute')).attribution;
    },
    async headScores(traceId) {
      return (await ask({ kind: 'headScores', traceId }, 'headScores')).scores;
    },
    async inductionProbe(length, seed) {
      return (await ask({ kind: 'inductionProbe', length, seed }, 'inductionProbe')).probe;
    },
    patchingSweep(request, onProgress) {
      const { id, reply } = send({ kind: 'patchingSweep', ...request }, (e) => {
        if (e.kind === 'sweepProgress') onProgress(e.done, e.total);
      });
      const done = reply.then((r) => {
        if (r.kind !== 'patchingSweep')
          throw new RequestError('failed', `unexpected reply "${r.kind}" to "patchingSweep"`);
        return r.sweep;
      });
      return { id, done };
    },
    stop(generationId) {
      port.postMessage({ id: nextId++, kind: 'stop', target: generationId });
    },
    dispose() {
      for (const p of pending.values()) p.reject(new RequestError('cancelled', 'the model was closed'));
      pending.clear();
      port.terminate?.();
    },
  };
}
