/**
 * The worker's side of the RPC (rpc.ts): owns the runtime and the last TraceSummary, runs the
 * handlers of api.ts one job at a time in the order their schedules say, streams their
 * events, and turns every failure into a one-line error message. Plain TypeScript (no
 * `self`), so tests drive it in-process; model.worker.ts wires it to the real worker globals.
 */
import { createEmbeddingSpace, type EmbeddingSpace } from './embedding-space';
import type { GPT2Runtime, BackendName, LoadProgress, Matrix, TraceSummary } from '../model/types';
import { cachedHubModelBytes, removeHubModel } from '../hub/hub';
import type { HubRepo } from '../hub/hub-repo';
import type { ModelCache } from '../hub/model-cache';
import { WORKER_API, type WorkerApi } from './api';
import type { CachedModel, LoadedModel, ModelRef } from './protocol';
import { JobQueue } from './queue';
import { RequestError, type AnyMethod, type CallContext, type ErrorCode, type Request, type Response } from './rpc';
import { buffersOf } from './transfer';
import { tokenIdProblem } from '../util/checks';
import { firstLine } from '../util/errors';

export type ModelLoader = (
  model: ModelRef,
  backends: BackendName[] | undefined,
  onProgress: (p: LoadProgress) => void,
) => Promise<{
  runtime: GPT2Runtime;
  totalBytes: number;
  /** Threads the wasm backend runs on; null on other backends (or when the loader does not say). */
  threads?: number | null;
  /** W_E as loaded, for the embedding explorer's requests (none: those requests fail with "no-model"). */
  embeddings?: Matrix;
}>;

export interface HostDeps {
  loadModel: ModelLoader;
  post(message: Response, transfer: ArrayBuffer[]): void;
  /** Where Hub conversions are kept (Cache Storage in the page); none: nothing is cached. */
  modelCache?: () => Promise<ModelCache | null>;
  now?: () => number;
  /** Minimum time between two progress messages, in ms. */
  progressEveryMs?: number;
}

/** What the handlers of api.ts reach in the worker besides their arguments. */
export interface HostContext {
  now(): number;
  /** Throws a one-line error with this code. */
  fail(code: ErrorCode, message: string): never;
  /** The loaded runtime, or a "no-model" error. */
  runtime(): GPT2Runtime;
  /** The runtime and the summary of the trace a follow-up names, or a "stale" error. */
  traced(traceId: number): { rt: GPT2Runtime; summary: TraceSummary };
  /** Keeps this request's summary as the one follow-ups name. */
  keepTrace(summary: TraceSummary): void;
  /** The kept trace when it is of these ids (an edited run of them can start from it), else undefined. */
  heldTrace(ids: readonly number[]): TraceSummary | undefined;
  /** A prompt's ids must be 1..n_positions tokens of the vocabulary. */
  checkIds(ids: number[]): void;
  embeddings(): EmbeddingSpace;
  loadModel(model: ModelRef, backends: BackendName[] | undefined): Promise<LoadedModel>;
  cachedModel(hub: HubRepo): Promise<CachedModel>;
  deleteCachedModel(hub: HubRepo): Promise<void>;
}

const fail = (code: ErrorCode, message: string): never => {
  throw new RequestError(code, message);
};

export function createHost(deps: HostDeps): { handle(request: Request<WorkerApi>): void } {
  const now = deps.now ?? (() => performance.now());
  const queue = new JobQueue();
  let runtime: GPT2Runtime | null = null;
  let last: { traceId: number; summary: TraceSummary } | null = null;
  let space: EmbeddingSpace | null = null;
  /** Requests running (between turns), those of them a newer trace ends, and those cancelled. */
  const running = new Set<number>();
  const endsWithTrace = new Set<number>();
  const cancelled = new Set<number>();

  const post = (message: Response, transfer: ArrayBuffer[] = []) => deps.post(message, transfer);
  const answerError = (id: number, e: unknown) => {
    const code = e instanceof RequestError ? e.code : 'failed';
    post({ id, type: 'error', code, message: firstLine(e, 'unknown error') });
  };

  /** The model-owning part of every handler's context; events and turns are added per request. */
  const model = (id: number, emit: (event: unknown) => void): HostContext => ({
    now,
    fail,
    runtime: () => runtime ?? fail('no-model', 'no model is loaded'),
    traced(traceId) {
      const rt = runtime ?? fail('no-model', 'no model is loaded');
      if (!last || last.traceId !== traceId) fail('stale', 'the prompt changed; this request is out of date');
      return { rt, summary: last!.summary };
    },
    keepTrace: (summary) => void (last = { traceId: id, summary }),
    heldTrace(ids) {
      const held = last?.summary;
      const same = held?.edits === undefined && held?.tokenIds.length === ids.length;
      return same && held!.tokenIds.every((t, i) => t === ids[i]) ? held : undefined;
    },
    checkIds(ids) {
      const { n_positions, vocab_size } = (runtime ?? fail('no-model', 'no model is loaded')).config;
      if (ids.length < 1 || ids.length > n_positions) {
        fail('bad-request', `a prompt must be 1 to ${n_positions} tokens, got ${ids.length}`);
      }
      const problem = ids.map((t) => tokenIdProblem(t, vocab_size)).find((p) => p !== null);
      if (problem) fail('bad-request', problem);
    },
    embeddings: () => space ?? fail('no-model', 'no model with token embeddings is loaded'),
    async loadModel(ref, backends) {
      const started = now();
      runtime?.dispose();
      runtime = null;
      last = null;
      space = null;
      let lastPost = -Infinity;
      const every = deps.progressEveryMs ?? 50;
      const loaded = await deps.loadModel(ref, backends, (progress) => {
        const t = now();
        if (t - lastPost < every && progress.loaded < progress.total) return;
        lastPost = t;
        emit(progress);
      });
      runtime = loaded.runtime;
      space = loaded.embeddings ? createEmbeddingSpace(loaded.embeddings) : null;
      return {
        id: ref.id,
        config: runtime.config,
        backend: runtime.backend,
        threads: loaded.threads ?? null,
        totalBytes: loaded.totalBytes,
        ms: now() - started,
      };
    },
    async cachedModel(hub) {
      const cache = (await deps.modelCache?.()) ?? null;
      return { usable: cache !== null, bytes: await cachedHubModelBytes(hub, cache) };
    },
    async deleteCachedModel(hub) {
      const cache = await deps.modelCache?.();
      if (cache) await removeHubModel(hub, cache);
    },
  });

  /**
   * Runs one request as one or more jobs of the queue: it starts as a job, and each
   * nextTurn() ends that job and waits for a new one at the back of the queue.
   */
  function start(request: Exclude<Request<WorkerApi>, { method: 'cancel' }>, spec: AnyMethod<HostContext>) {
    const { id } = request;
    const superseded = (spec.schedule !== 'replaces' && spec.schedule !== 'queued') || spec.endsWithTrace === true;
    const dropped = () => answerError(id, new RequestError('cancelled', 'replaced by a newer request'));
    let endTurn: () => void = () => undefined;
    const turn = (work: () => void) =>
      queue.push({
        id,
        supersededByTrace: superseded,
        run: () =>
          new Promise<void>((resolve) => {
            endTurn = resolve;
            work();
          }),
        drop: dropped,
      });
    const context: CallContext<unknown> = {
      id,
      emit: (value) => post({ id, type: 'event', value }, buffersOf(value)),
      cancelled: () => cancelled.has(id),
      nextTurn: () =>
        new Promise<void>((resume) => {
          endTurn();
          // Later turns are never dropped by a trace: a running job answers for itself.
          queue.push({
            id,
            supersededByTrace: false,
            run: () => new Promise((r) => ((endTurn = r), resume())),
            drop: dropped,
          });
        }),
    };
    turn(() => {
      running.add(id);
      if (spec.endsWithTrace) endsWithTrace.add(id);
      const ctx = Object.assign(model(id, context.emit), context);
      // Awaited inside the promise chain, so a synchronous throw (a stale trace id) is answered too.
      Promise.resolve()
        .then(() => spec.run(ctx, ...request.args))
        .then(
          (value) => {
            const replay = spec.replayAfterCrash ? { replay: true as const } : {};
            post({ id, type: 'result', value, ...replay }, spec.keepsResult ? [] : buffersOf(value));
          },
          (e: unknown) => answerError(id, e),
        )
        .finally(() => {
          running.delete(id);
          endsWithTrace.delete(id);
          cancelled.delete(id);
          endTurn();
        });
    });
  }

  return {
    handle(request) {
      if (request.method === 'cancel') {
        cancelled.add(request.target);
        return;
      }
      const spec = (WORKER_API as Record<string, AnyMethod<HostContext>>)[request.method];
      if (!spec) return answerError(request.id, new RequestError('bad-request', 'unknown request'));
      if (spec.schedule === 'replaces' || spec.schedule === 'trace') queue.dropSupersededByTrace();
      // A new model ends every running request of the old one (a generation) at its next turn.
      if (spec.schedule === 'replaces') for (const id of running) cancelled.add(id);
      // A new trace ends the running work that only mattered for what was on screen before it.
      if (spec.schedule === 'trace') for (const id of endsWithTrace) cancelled.add(id);
      start(request, spec);
    },
  };
}
