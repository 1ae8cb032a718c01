/**
 * Our side of the experiments rows, on the page's open runtime: the same cases the PyTorch
 * peer runs (scripts/bench/experiments.ts), through the runtime's experiments API
 * (run with edits, attribute, inductionProbe, patchingSweep), timed as the peer times them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentCase, ExperimentOutput, NaiveLoop, OursExperimentRow } from '../experiments';
import type { Edit } from '../../../src/model/interventions/edits';
import type { PatchingSweepRequest } from '../../../src/model/interventions/patching-sweep';
import type { GPT2Runtime, TraceSummary } from '../../../src/model/types';
import { argmax, summarize } from '../stats';
import { float32ToBase64, kernelTimes, timeOnce, warmUp } from './measure';
import type { Stat } from './protocol';

export interface ExperimentsJob {
  cases: ExperimentCase[];
  runs: number;
  warmupSeconds: number;
  /** Cells of each sweep timed as full edited runs, spread over the grid (the naive loop). */
  naiveCells: number;
  /** Sweeps at this length are run once more under tf.profile for their peak tensor bytes. */
  profileTokens: number;
}

/** Warm-up for `seconds`, then `runs` timed calls; the last call's value. */
async function timed<T>(fn: () => Promise<T>, runs: number, seconds: number): Promise<{ ms: Stat; value: T }> {
  await warmUp(fn, seconds);
  const samples: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) samples.push(await timeOnce(async () => (value = await fn())));
  return { ms: summarize(samples), value };
}

const NO_SWEEP_FIGURES = { naive: null, peakTensorBytes: null, longestProgressGapMs: null };

type SweepCase = Extract<ExperimentCase, { clean: number[] }>;

const isSweep = (c: ExperimentCase): c is SweepCase => 'clean' in c;

function sweepRequest(c: SweepCase): PatchingSweepRequest {
  const { clean, corrupted, answer, against } = c;
  return { clean, corrupted, answer, against, hook: c.experiment === 'z_sweep' ? 'attn.hook_z' : 'hook_resid_pre' };
}

/** The edit one cell of a sweep makes, as a full edited run would take it. */
function cellEdit(c: SweepCase, layer: number, column: number): Edit {
  return c.experiment === 'z_sweep'
    ? { hook: `blocks.${layer}.attn.hook_z`, kind: 'patch', heads: [column] }
    : { hook: `blocks.${layer}.hook_resid_pre`, kind: 'patch', positions: [column] };
}

/**
 * The naive loop: cells spread evenly over the grid, each one full edited run of the
 * corrupted prompt patched from the clean one (runtime.run recomputes the clean prompt's
 * values for every call). Every such cell costs the same, so the median cell times the
 * cell count stands for the whole loop.
 */
async function naiveLoop(runtime: GPT2Runtime, c: SweepCase, columns: number, sample: number): Promise<NaiveLoop> {
  const cells = runtime.config.n_layer * columns;
  const step = cells / Math.min(sample, cells);
  const samples: number[] = [];
  for (let i = 0; i < cells; i += step) {
    const cell = Math.floor(i);
    const edit = cellEdit(c, Math.floor(cell / columns), cell % columns);
    samples.push(await timeOnce(() => runtime.run(c.corrupted, [edit], { patchFrom: c.clean, predictions: false })));
  }
  const perCellMs = summarize(samples);
  return { cellsTimed: samples.length, perCellMs, totalMs: perCellMs.median * cells };
}

async function sweepRow(runtime: GPT2Runtime, c: SweepCase, job: ExperimentsJob): Promise<OursExperimentRow> {
  const request = sweepRequest(c);
  const T = c.clean.length;
  const columns = c.experiment === 'z_sweep' ? runtime.config.n_head : T;
  let longestGap = 0;
  let last = performance.now();
  const onProgress = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  };
  let result!: Awaited<ReturnType<GPT2Runtime['patchingSweep']>>;
  const ms = await timeOnce(async () => {
    result = await runtime.patchingSweep(request, { onProgress });
  });
  const peakTensorBytes =
    T === job.profileTokens
      ? (
          await tf.profile(async () => {
            await runtime.patchingSweep(request);
          })
        ).peakBytes
      : null;
  const { values, cleanDiff, corruptedDiff } = result;
  return {
    experiment: c.experiment,
    tokens: T,
    cells: runtime.config.n_layer * columns,
    withoutHeldTrace: null,
    kernels: null,
    ms: summarize([ms]),
    result: { values, cleanDiff, corruptedDiff },
    naive: job.naiveCells > 0 ? await naiveLoop(runtime, c, columns, job.naiveCells) : null,
    peakTensorBytes,
    longestProgressGapMs: longestGap,
  };
}

/** One of the rows timed over several runs: the call, and what it computed. */
function singleRun(
  runtime: GPT2Runtime,
  c: Exclude<ExperimentCase, SweepCase>,
  held: TraceSummary | undefined,
): () => Promise<ExperimentOutput> {
  switch (c.experiment) {
    case 'forward':
      return async () => ({ top: argmax(await runtime.nextLogits(c.ids)) });
    case 'head_ablation':
      return async () => {
        const edit: Edit = { hook: `blocks.${c.layer}.attn.hook_z`, kind: 'zero', heads: [c.head] };
        const summary = await runtime.run(c.ids, [edit], { predictions: false, clean: held });
        return { logits: float32ToBase64(summary.lastLogits) };
      };
    case 'attribution':
      return async () => {
        const summary = held ?? (await runtime.trace(c.ids, { predictions: false }));
        const a = await runtime.attribute(summary, { target: c.target });
        return { logit: a.logit, components: a.components, residualError: a.residualError };
      };
    case 'induction_probe':
      return async () => {
        const p = await runtime.inductionProbe({ length: c.length, seed: c.seed });
        if (p.tokenIds.some((id, i) => id !== c.ids[i]))
          throw new Error('the runtime drew other probe tokens than the bench gave the PyTorch peer');
        return { induction: p.induction, lossFirstCopy: p.lossFirstCopy, lossSecondCopy: p.lossSecondCopy };
      };
  }
}

/** Rows the page runs on the prompt's trace it already holds; they are also timed without it. */
const usesHeldTrace = (c: ExperimentCase) => c.experiment === 'head_ablation' || c.experiment === 'attribution';

export async function runExperiments(runtime: GPT2Runtime, job: ExperimentsJob): Promise<OursExperimentRow[]> {
  const rows: OursExperimentRow[] = [];
  for (const c of job.cases) {
    if (isSweep(c)) {
      rows.push(await sweepRow(runtime, c, job));
      continue;
    }
    const tokens = 'ids' in c ? c.ids.length : 0;
    const held = usesHeldTrace(c) ? await runtime.trace(c.ids, { predictions: false }) : undefined;
    const call = singleRun(runtime, c, held);
    const { ms, value } = await timed(call, job.runs, job.warmupSeconds);
    const kernels = await kernelTimes(call);
    const withoutHeldTrace = held
      ? (await timed(singleRun(runtime, c, undefined), job.runs, job.warmupSeconds)).ms
      : null;
    rows.push({
      experiment: c.experiment,
      tokens,
      cells: 1,
      ms,
      result: value,
      withoutHeldTrace,
      kernels,
      ...NO_SWEEP_FIGURES,
    });
  }
  return rows;
}
