/**
 * The worker's side of the protocol: owns the runtime and the last TraceSummary, answers
 * requests one at a time, and turns every failure into a one-line error message.
 * It is plain TypeScript (no `self`), so tests can drive it in-process; model.worker.ts
 * wires it to the real worker globals.
 */
import type { BackendName, GPT2Runtime, LoadProgress, Matrix, TraceSummary } from '../model/types';
import { createEmbeddingSpace, type EmbeddingSpace } from './embedding-space';
import { createExperimentHost } from './experiment-host';
import { createRng } from '../sampling';
import { sampleStep } from './generation';
import type {
  ErrorCode,
  GenerationEndReason,
  ModelRef,
  SamplingSettings,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { JobQueue } from './queue';
import { buffersOf } from './transfer';

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
  post(message: WorkerResponse, transfer: ArrayBuffer[]): void;
  now?: () => number;
  /** Minimum time between two progress messages, in ms. */
  progressEveryMs?: number;
}

class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0].trim() || 'unknown error';

export function createHost(deps: HostDeps): { handle(request: WorkerRequest): void } {
  const now = deps.now ?? (() => performance.now());
  const queue = new JobQueue();
  let runtime: GPT2Runtime | null = null;
  let last: { traceId: number; summary: TraceSummary } | null = null;
  let space: EmbeddingSpace | null = null;
  /** Generation runs in progress, and those asked to stop. */
  const generating = new Set<number>();
  const stopping = new Set<number>();
  const experiments = createExperimentHost(now);

  const fail = (id: number, e: unknown) => {
    const code = e instanceof HostError ? e.code : 'failed';
    deps.post({ id, kind: 'error', code, message: firstLine(e) }, []);
  };
  /** Sends a reply, transferring its typed arrays (the worker keeps no reference to them). */
  const reply = (message: WorkerResponse) => deps.post(message, buffersOf(message));

  const needRuntime = (): GPT2Runtime => {
    if (!runtime) throw new HostError('no-model', 'no model is loaded');
    return runtime;
  };

  /** The summary a follow-up request names, or a "stale" error if a newer trace replaced it. */
  const summaryFor = (traceId: number): TraceSummary => {
    if (!last || last.traceId !== traceId)
      throw new HostError('stale', 'the prompt changed; this request is out of date');
    return last.summary;
  };

  const checkIndex = (what: string, value: number, count: number) => {
    if (!Number.isInteger(value) || value < 0 || value >= count) {
      throw new HostError('bad-request', `${what} ${value} is out of range 0..${count - 1}`);
    }
  };

  function checkIds(ids: number[], rt: GPT2Runtime) {
    const { n_positions, vocab_size } = rt.config;
    if (ids.length < 1 || ids.length > n_positions) {
      throw new HostError('bad-request', `a prompt must be 1 to ${n_positions} tokens, got ${ids.length}`);
    }
    const bad = ids.find((t) => !Number.isInteger(t) || t < 0 || t >= vocab_size);
    if (bad !== undefined)
      throw new HostError('bad-request', `token id ${bad} is not in the vocabulary (0..${vocab_size - 1})`);
  }

  /** Queues work for a request; any throw becomes that request's error message. */
  function enqueue(id: number, supersededByTrace: boolean, work: () => Promise<void>) {
    queue.push({
      id,
      supersededByTrace,
      // Awaited inside try, so a synchronous throw (e.g. a stale trace id) is answered too.
      run: async () => {
        try {
          await work();
        } catch (e) {
          fail(id, e);
        }
      },
      drop: () => fail(id, new HostError('cancelled', 'replaced by a newer request')),
    });
  }

  /** Queues a request about the last trace (dropped if a newer trace comes first). */
  function followUp(id: number, traceId: number, work: (rt: GPT2Runtime, summary: TraceSummary) => Promise<void>) {
    enqueue(id, true, () => work(needRuntime(), summaryFor(traceId)));
  }

  const needSpace = (): EmbeddingSpace => {
    if (!space) throw new HostError('no-model', 'no model with token embeddings is loaded');
    return space;
  };

  async function load(id: number, model: ModelRef, backends: BackendName[] | undefined) {
    const started = now();
    // A new model ends every generation of the old one at its next step.
    for (const run of generating) stopping.add(run);
    runtime?.dispose();
    runtime = null;
    last = null;
    space = null;
    let lastPost = -Infinity;
    const every = deps.progressEveryMs ?? 50;
    const loaded = await deps.loadModel(model, backends, (progress) => {
      const t = now();
      if (t - lastPost < every && progress.loaded < progress.total) return;
      lastPost = t;
      deps.post({ id, kind: 'progress', progress }, []);
    });
    runtime = loaded.runtime;
    space = loaded.embeddings ? createEmbeddingSpace(loaded.embeddings) : null;
    reply({
      id,
      kind: 'loaded',
      model: {
        id: model.id,
        config: runtime.config,
        backend: runtime.backend,
        threads: loaded.threads ?? null,
        totalBytes: loaded.totalBytes,
        ms: now() - started,
      },
    });
  }

  async function trace(id: number, ids: number[]) {
    const rt = needRuntime();
    checkIds(ids, rt);
    const started = now();
    // Predictions are left to a 'predictions' request: the page needs them on one stage only.
    const summary = await rt.trace(ids, { predictions: false });
    last = { traceId: id, summary };
    // Copied, not transferred: the worker keeps this summary for block and attention requests.
    deps.post({ id, kind: 'trace', summary, ms: now() - started }, []);
  }

  /** Generation runs as one queued job per token, so a trace typed meanwhile is not kept waiting. */
  async function generate(id: number, ids: number[], steps: number, sampling: SamplingSettings, seed: number) {
    const rt = needRuntime();
    checkIds(ids, rt);
    if (!Number.isInteger(steps) || steps < 1)
      throw new HostError('bad-request', `steps must be a whole number >= 1, got ${steps}`);
    const rng = createRng(seed);
    let started = now();
    const { logits, session } = await rt.startGeneration(ids);
    generating.add(id);
    let next = logits;
    let index = 0;
    const end = () => {
      session.dispose();
      generating.delete(id);
      stopping.delete(id);
    };
    const finish = (reason: GenerationEndReason) => {
      end();
      reply({ id, kind: 'generated', reason, steps: index });
    };
    const step = async () => {
      try {
        if (stopping.has(id)) return finish('stopped');
        const s = sampleStep(next, sampling, rng, index, started, now);
        reply({ id, kind: 'step', step: s });
        index++;
        if (index >= steps) return finish('done');
        if (session.length >= rt.config.n_positions) return finish('context-full');
        started = now();
        next = await session.step(s.tokenId);
        queue.push({ id, supersededByTrace: false, run: step, drop: () => finish('stopped') });
      } catch (e) {
        end();
        fail(id, e);
      }
    };
    await step();
  }

  return {
    handle(request) {
      const { id } = request;
      switch (request.kind) {
        case 'stop':
          if (!experiments.abort(request.target)) stopping.add(request.target);
          return;
        case 'load':
          queue.dropSupersededByTrace();
          enqueue(id, false, () => load(id, request.model, request.backends));
          return;
        case 'trace':
          // A new prompt supersedes a running sweep: it stops at its next batch.
          experiments.abort();
          queue.dropSupersededByTrace();
          enqueue(id, true, () => trace(id, request.ids));
          return;
        case 'block':
          followUp(id, request.traceId, async (rt, summary) => {
            checkIndex('layer', request.layer, rt.config.n_layer);
            const started = now();
            const block = await rt.block(summary, request.layer);
            reply({ id, kind: 'block', block, ms: now() - started });
          });
          return;
        case 'tokenAttention':
          followUp(id, request.traceId, async (rt, summary) => {
            checkIndex('position', request.position, summary.tokenIds.length);
            reply({ id, kind: 'tokenAttention', attention: await rt.tokenAttention(summary, request.position) });
          });
          return;
        case 'predictions':
          followUp(id, request.traceId, async (rt, summary) => {
            const started = now();
            // Kept with the summary, so the logit lens reuses them for its last row.
            summary.predictions = await rt.predictions(summary);
            reply({ id, kind: 'predictions', predictions: summary.predictions, ms: now() - started });
          });
          return;
        case 'logitLens':
          followUp(id, request.traceId, async (rt, summary) => {
            const started = now();
            const lens = await rt.logitLens(summary);
            reply({ id, kind: 'logitLens', lens, ms: now() - started });
          });
          return;
        case 'logitsAt':
          followUp(id, request.traceId, async (rt, summary) => {
            checkIndex('position', request.position, summary.tokenIds.length);
            reply({
              id,
              kind: 'logitsAt',
              position: request.position,
              logits: await rt.logitsAt(summary, request.position),
            });
          });
          return;
        case 'generate':
          enqueue(id, false, () => generate(id, request.ids, request.steps, request.sampling, request.seed));
          return;
        case 'embeddingRows':
          enqueue(id, false, async () => reply({ id, kind: 'embeddingRows', rows: needSpace().rows(request.ids) }));
          return;
        case 'nearest':
          enqueue(id, false, async () =>
            reply({ id, kind: 'nearest', neighbours: needSpace().nearest(request.vector, request.k, request.exclude) }),
          );
          return;
        case 'runEdited':
          enqueue(id, false, async () => {
            const rt = needRuntime();
            checkIds(request.ids, rt);
            if (request.patchFrom) checkIds(request.patchFrom, rt);
            await experiments.runEdited(rt, request, reply);
          });
          return;
        case 'traceAside':
          enqueue(id, false, async () => {
            const rt = needRuntime();
            checkIds(request.ids, rt);
            await experiments.traceAside(rt, request, reply);
          });
          return;
        case 'attribute':
          followUp(id, request.traceId, (rt, summary) => experiments.attribute(rt, summary, request, reply));
          return;
        case 'headScores':
          followUp(id, request.traceId, (rt, summary) => experiments.headScores(rt, summary, request, reply));
          return;
        case 'inductionProbe':
          enqueue(id, false, () => experiments.inductionProbe(needRuntime(), request, reply));
          return;
        case 'patchingSweep':
          experiments.abort();
          enqueue(id, false, async () => {
            const rt = needRuntime();
            checkIds(request.clean, rt);
            checkIds(request.corrupted, rt);
            try {
              await experiments.patchingSweep(rt, request, reply, deps.progressEveryMs ?? 50);
            } catch (e) {
              // Stopped by "stop" or a newer prompt: no numbers, and nothing to show as an error.
              if (e instanceof Error && e.name === 'AbortError') throw new HostError('cancelled', e.message);
              throw e;
            }
          });
          return;
        default:
          fail((request as { id: number }).id, new HostError('bad-request', 'unknown request'));
      }
    },
  };
}
