/**
 * The experiments' worker methods, part of the worker's interface (api.ts spreads them in):
 * edits travel as the runtime's edit SPECs and are read by its own parser, so its one-line
 * messages reach the page unchanged; results are put in the page's shapes.
 */
import { parseEditSpec } from '../model/interventions/edits';
import type { ProbeTokens } from '../model/interventions/induction-probe';
import type { HostContext } from './host';
import type { EditRequest, SweepRequest, SweepResult } from './experiments';
import { method } from './rpc';

const on = method<HostContext>();
const streaming = <Event>() => method<HostContext, Event>();

/** The edits as the runtime takes them, read by its own parser (its messages reach the page). */
export const editsOf = (edits: EditRequest[]) => edits.map((e) => parseEditSpec(e.spec, e.kind));

/** Least time between two progress events of a sweep, in ms. */
const PROGRESS_EVERY_MS = 50;

export const EXPERIMENT_API = {
  /**
   * An edited run of a prompt (patches take their values from patchFrom's run); the last trace
   * stays as it is. When that trace is of the same prompt, the run starts from it at the first
   * block an edit reaches.
   */
  runEdited: on({
    schedule: 'queued',
    async run(ctx, ids: number[], edits: EditRequest[], patchFrom?: number[]) {
      const rt = ctx.runtime();
      ctx.checkIds(ids);
      if (patchFrom) ctx.checkIds(patchFrom);
      const started = ctx.now();
      const clean = ctx.heldTrace(ids);
      const summary = await rt.run(ids, editsOf(edits), { predictions: false, patchFrom, clean });
      return { summary, ms: ctx.now() - started };
    },
  }),

  /** A second prompt's trace and one token's attention, beside the last trace (which it does not replace). */
  traceAside: on({
    schedule: 'queued',
    async run(ctx, ids: number[], position: number) {
      const rt = ctx.runtime();
      ctx.checkIds(ids);
      const summary = await rt.trace(ids, { predictions: false });
      const attention = await rt.tokenAttention(summary, Math.min(Math.max(0, position), ids.length - 1));
      return { summary, attention };
    },
  }),

  /** Direct logit attribution at the last position of the last trace. */
  attribute: on({
    schedule: 'followUp',
    async run(ctx, traceId: number, target: number, against: number | null) {
      const { rt, summary } = ctx.traced(traceId);
      return rt.attribute(summary, { target, ...(against === null ? {} : { against }) });
    },
  }),

  /** Previous-token, duplicate-token and induction scores of every head on the last trace. */
  headScores: on({
    schedule: 'followUp',
    async run(ctx, traceId: number) {
      const { rt, summary } = ctx.traced(traceId);
      const s = await rt.headScores(summary);
      return { previous: s.previousToken, duplicate: s.duplicateToken, induction: s.induction };
    },
  }),

  /** Random tokens repeated twice: every head's induction score and the loss on each copy. */
  inductionProbe: on({
    schedule: 'queued',
    async run(ctx, length: number, seed: number, tokens?: ProbeTokens) {
      const p = await ctx.runtime().inductionProbe({ length, seed, tokens });
      return {
        length: p.length,
        seed: p.seed,
        tokens: p.tokens,
        scores: p.induction,
        loss: [p.lossFirstCopy, p.lossSecondCopy] as [number, number],
      };
    },
  }),

  /**
   * A patching sweep, reporting cells done; cancelling stops it at its next batch, and so does a
   * new trace (the page moved on to another prompt; the sweep would only keep the trace waiting).
   */
  patchingSweep: streaming<{ done: number; total: number }>()({
    schedule: 'queued',
    endsWithTrace: true,
    async run(ctx, request: SweepRequest): Promise<SweepResult> {
      const rt = ctx.runtime();
      ctx.checkIds(request.clean);
      ctx.checkIds(request.corrupted);
      const controller = new AbortController();
      let lastPost = -Infinity;
      const { clean, corrupted, answer, against, hook } = request;
      try {
        const sweep = await rt.patchingSweep(
          { clean, corrupted, answer, against, hook },
          {
            signal: controller.signal,
            onProgress: (done, total) => {
              // A cancel arrives between batches (the sweep yields to the event loop there).
              if (ctx.cancelled()) controller.abort();
              const t = ctx.now();
              if (t - lastPost < PROGRESS_EVERY_MS && done < total) return;
              lastPost = t;
              ctx.emit({ done, total });
            },
          },
        );
        return {
          hook,
          layers: sweep.values.length,
          cols: sweep.values[0]?.length ?? 0,
          values: Float32Array.from(sweep.values.flat()),
          clean: sweep.cleanDiff,
          corrupted: sweep.corruptedDiff,
          cleanIds: clean,
          corruptedIds: corrupted,
          answer,
          against,
        };
      } catch (e) {
        // Stopped on request: no numbers, and nothing to show as an error.
        if (e instanceof Error && e.name === 'AbortError') return ctx.fail('cancelled', e.message);
        throw e;
      }
    },
  }),
};
