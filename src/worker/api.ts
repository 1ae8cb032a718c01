/**
 * The model worker's interface, written once: every method the page can ask of the worker,
 * with how it is scheduled and what it does there. host.ts dispatches requests to these
 * handlers and client.ts derives the page's typed methods from this object's type, so a new
 * on-request computation is one entry here (plus the model function it calls and the panel
 * that shows it, which asks for it with the store's useFollowUp).
 *
 * Staleness: the worker keeps the last TraceSummary it computed, tagged with the id of the
 * trace request that made it. Follow-ups name that trace id; when the worker has moved on
 * to a newer trace they are answered "stale" instead of numbers for another prompt.
 */
import type { Neighbour } from '../analysis/vectors';
import type { HubRepo } from '../hub/hub-repo';
import { logitLensOf } from '../model/logit-lens';
import { createRng } from '../sampling';
import { indexProblem } from '../util/checks';
import { EXPERIMENT_API, editsOf } from './experiment-api';
import type { EditRequest } from './experiments';
import { sampleStep } from './generation';
import type { HostContext } from './host';
import type {
  CachedModel,
  GenerationEndReason,
  GenerationStep,
  LoadedModel,
  ModelRef,
  SamplingSettings,
} from './protocol';
import { method, type ArgsOf, type ResultOf } from './rpc';
import type { BackendName, LoadProgress, Matrix, TokenAttention } from '../model/types';

const on = method<HostContext>();
const streaming = <Event>() => method<HostContext, Event>();

/** A bad argument, answered as a "bad-request" error. */
function checkIndex(ctx: HostContext, what: string, value: number, count: number): void {
  const problem = indexProblem(what, value, count);
  if (problem) ctx.fail('bad-request', problem);
}

export const WORKER_API = {
  /** Loads a model, replacing the one before; progress events while its files arrive. */
  load: streaming<LoadProgress>()({
    schedule: 'replaces',
    replayAfterCrash: true,
    run: (ctx, model: ModelRef, backends?: BackendName[]): Promise<LoadedModel> => ctx.loadModel(model, backends),
  }),

  /**
   * The summary of a prompt; the request's id names the trace in follow-ups. With edits it is the
   * edited run (summary.edits set), and every follow-up on it shows the edited run too.
   */
  trace: on({
    schedule: 'trace',
    // Copied, not transferred: the worker keeps this summary for the follow-ups.
    keepsResult: true,
    async run(ctx, ids: number[], edits?: EditRequest[]) {
      const rt = ctx.runtime();
      ctx.checkIds(ids);
      const started = ctx.now();
      // Predictions are left to a 'predictions' request: the page needs them on one stage only.
      const options = { predictions: false };
      const summary = edits?.length ? await rt.run(ids, editsOf(edits), options) : await rt.trace(ids, options);
      ctx.keepTrace(summary);
      return { traceId: ctx.id, summary, ms: ctx.now() - started };
    },
  }),

  /** One block's internals. */
  block: on({
    schedule: 'followUp',
    async run(ctx, traceId: number, layer: number) {
      const { rt, summary } = ctx.traced(traceId);
      checkIndex(ctx, 'layer', layer, rt.config.n_layer);
      const started = ctx.now();
      const block = await rt.block(summary, layer);
      return { block, ms: ctx.now() - started };
    },
  }),

  /** One token's attention in every layer and head. */
  tokenAttention: on({
    schedule: 'followUp',
    async run(ctx, traceId: number, position: number): Promise<TokenAttention> {
      const { rt, summary } = ctx.traced(traceId);
      checkIndex(ctx, 'position', position, summary.tokenIds.length);
      return rt.tokenAttention(summary, position);
    },
  }),

  /** Full-vocabulary logits at one position. */
  logitsAt: on({
    schedule: 'followUp',
    async run(ctx, traceId: number, position: number): Promise<Float32Array> {
      const { rt, summary } = ctx.traced(traceId);
      checkIndex(ctx, 'position', position, summary.tokenIds.length);
      return rt.logitsAt(summary, position);
    },
  }),

  /** Every position's prediction (the trace leaves them out: they cost a vocabulary readout per token). */
  predictions: on({
    schedule: 'followUp',
    async run(ctx, traceId: number) {
      const { rt, summary } = ctx.traced(traceId);
      // Kept with the summary, so the logit lens reuses them for its last row.
      summary.predictions = await rt.predictions(summary);
      return summary.predictions;
    },
  }),

  /** The logit lens of the trace: costly, so asked for only where it is shown. */
  logitLens: on({
    schedule: 'followUp',
    async run(ctx, traceId: number) {
      const { rt, summary } = ctx.traced(traceId);
      const started = ctx.now();
      const lens = await logitLensOf(rt, summary);
      return { lens, ms: ctx.now() - started };
    },
  }),

  /**
   * Generates tokens over a KV cache, one event per token. Each token is its own turn of the
   * queue, so a prompt typed meanwhile is not kept waiting; cancelling ends it after a token.
   */
  generate: streaming<GenerationStep>()({
    schedule: 'queued',
    async run(ctx, ids: number[], steps: number, sampling: SamplingSettings, seed: number) {
      const rt = ctx.runtime();
      ctx.checkIds(ids);
      if (!Number.isInteger(steps) || steps < 1)
        ctx.fail('bad-request', `steps must be a whole number >= 1, got ${steps}`);
      const rng = createRng(seed);
      let started = ctx.now();
      const { logits, session } = await rt.startGeneration(ids);
      let next = logits;
      let index = 0;
      const end = (reason: GenerationEndReason) => ({ reason, steps: index });
      try {
        for (;;) {
          if (ctx.cancelled()) return end('stopped');
          const step = sampleStep(next, sampling, rng, index, started, ctx.now);
          ctx.emit(step);
          index++;
          if (index >= steps) return end('done');
          if (session.length >= rt.config.n_positions) return end('context-full');
          started = ctx.now();
          next = await session.step(step.tokenId);
          await ctx.nextTurn();
        }
      } finally {
        session.dispose();
      }
    },
  }),

  /** Rows of W_E (the token embeddings) for these ids, in order. */
  embeddingRows: on({
    schedule: 'queued',
    run: async (ctx, ids: number[]): Promise<Matrix> => ctx.embeddings().rows(ids),
  }),

  /** The k tokens whose W_E rows are closest to `vector` by cosine, leaving out `exclude`. */
  nearest: on({
    schedule: 'queued',
    run: async (ctx, vector: Float32Array, k: number, exclude: number[]): Promise<Neighbour[]> =>
      ctx.embeddings().nearest(vector, k, exclude),
  }),

  /** Whether this browser can keep models, and the bytes of a Hub model's conversion kept (null: none). */
  cachedModel: on({
    schedule: 'queued',
    run: async (ctx, hub: HubRepo): Promise<CachedModel> => ctx.cachedModel(hub),
  }),

  /** Removes a Hub model's conversion from this browser. */
  deleteCachedModel: on({
    schedule: 'queued',
    run: async (ctx, hub: HubRepo): Promise<void> => ctx.deleteCachedModel(hub),
  }),

  ...EXPERIMENT_API,
};

export type WorkerApi = typeof WORKER_API;
export type WorkerMethod = keyof WorkerApi;
export type WorkerArgs<K extends WorkerMethod> = ArgsOf<WorkerApi[K]>;
export type WorkerResult<K extends WorkerMethod> = ResultOf<WorkerApi[K]>;
