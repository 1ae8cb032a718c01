/**
 * The worker's answers to the experiments' requests: edits are read from their SPECs with
 * the runtime's own parser (so its one-line messages reach the page as they are), results
 * are put in the page's shapes, and running sweeps can be aborted by id.
 */
import { parseEditSpec } from '../model/interventions/edits';
import type { GPT2Runtime, TraceSummary } from '../model/types';
import type { EditRequest, SweepResult } from './experiments';
import type { WorkerRequest, WorkerResponse } from './protocol';

type Req<K extends WorkerRequest['kind']> = Extract<WorkerRequest, { kind: K }>;
type Reply = (message: WorkerResponse) => void;

const editsOf = (edits: EditRequest[]) => edits.map((e) => parseEditSpec(e.spec, e.kind));

export function createExperimentHost(now: () => number) {
  /** Sweeps running, by request id, to stop them early. */
  const sweeps = new Map<number, AbortController>();

  return {
    /** Stops one sweep (a "stop" naming it), or every sweep (a new prompt). */
    abort(id?: number): boolean {
      const targets = id === undefined ? [...sweeps.keys()] : [id];
      let found = false;
      for (const t of targets) {
        const c = sweeps.get(t);
        if (c) {
          c.abort();
          found = true;
        }
      }
      return found;
    },

    async runEdited(rt: GPT2Runtime, r: Req<'runEdited'>, reply: Reply) {
      const started = now();
      const summary = await rt.run(r.ids, editsOf(r.edits), { predictions: false, patchFrom: r.patchFrom });
      reply({ id: r.id, kind: 'runEdited', summary, ms: now() - started });
    },

    async traceAside(rt: GPT2Runtime, r: Req<'traceAside'>, reply: Reply) {
      const summary = await rt.trace(r.ids, { predictions: false });
      const position = Math.min(Math.max(0, r.position), r.ids.length - 1);
      reply({ id: r.id, kind: 'traceAside', summary, attention: await rt.tokenAttention(summary, position) });
    },

    async attribute(rt: GPT2Runtime, summary: TraceSummary, r: Req<'attribute'>, reply: Reply) {
      const attribution = await rt.attribute(summary, {
        target: r.target,
        ...(r.against === null ? {} : { against: r.against }),
      });
      reply({ id: r.id, kind: 'attribute', attribution });
    },

    async headScores(rt: GPT2Runtime, summary: TraceSummary, r: Req<'headScores'>, reply: Reply) {
      const s = await rt.headScores(summary);
      reply({
        id: r.id,
        kind: 'headScores',
        scores: { previous: s.previousToken, duplicate: s.duplicateToken, induction: s.induction },
      });
    },

    async inductionProbe(rt: GPT2Runtime, r: Req<'inductionProbe'>, reply: Reply) {
      const p = await rt.inductionProbe({ length: r.length, seed: r.seed });
      reply({
        id: r.id,
        kind: 'inductionProbe',
        probe: { length: p.length, seed: p.seed, scores: p.induction, loss: [p.lossFirstCopy, p.lossSecondCopy] },
      });
    },

    async patchingSweep(rt: GPT2Runtime, r: Req<'patchingSweep'>, reply: Reply, progressEveryMs: number) {
      const controller = new AbortController();
      sweeps.set(r.id, controller);
      let lastPost = -Infinity;
      try {
        const { clean, corrupted, answer, against, hook } = r;
        const sweep = await rt.patchingSweep(
          { clean, corrupted, answer, against, hook },
          {
            signal: controller.signal,
            onProgress: (done, total) => {
              const t = now();
              if (t - lastPost < progressEveryMs && done < total) return;
              lastPost = t;
              reply({ id: r.id, kind: 'sweepProgress', done, total });
            },
          },
        );
        const result: SweepResult = {
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
        reply({ id: r.id, kind: 'patchingSweep', sweep: result });
      } finally {
        sweeps.delete(r.id);
      }
    },
  };
}
