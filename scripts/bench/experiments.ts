/**
 * The experiments rows (issue 17): activation patching sweeps, a head ablation, direct
 * logit attribution and the induction probe, each set up once here and run by both sides
 * on the same ids: our runtime in the bench page, and the PyTorch peer
 * (pytorch-peer.ts: Hugging Face's GPT2LMHeadModel with forward hooks).
 */
import type { GPT2Config } from '../../src/model/config';
import { probeTokens } from '../../src/model/interventions/induction-probe';
import type { KernelTime, Stat } from './page/protocol';
import { benchText } from './prompts';

export type ExperimentName =
  | 'forward'
  | 'resid_pre_sweep'
  | 'resid_pre_one_token'
  | 'z_sweep'
  | 'head_ablation'
  | 'attribution'
  | 'induction_probe';

/** The lengths for each row; a run narrowed by --lengths keeps those it asks for. */
const ROW_LENGTHS: Record<Exclude<ExperimentName, 'induction_probe'>, number[]> = {
  forward: [16, 64, 256],
  resid_pre_sweep: [16, 64],
  resid_pre_one_token: [16, 64],
  z_sweep: [16, 64],
  head_ablation: [64, 256],
  attribution: [256],
};
/** Random tokens in each copy of the induction probe (TransformerLens's tutorial uses 50), and their seed. */
export const PROBE_LENGTH = 50;
export const PROBE_SEED = 1;

/** One case as both sides run it. */
export type ExperimentCase =
  | { experiment: 'forward'; ids: number[] }
  | {
      experiment: 'resid_pre_sweep' | 'resid_pre_one_token' | 'z_sweep';
      clean: number[];
      corrupted: number[];
      answer: number;
      against: number;
    }
  | { experiment: 'head_ablation'; ids: number[]; layer: number; head: number }
  | { experiment: 'attribution'; ids: number[]; target: number }
  | { experiment: 'induction_probe'; ids: number[]; length: number; seed: number };

export const caseTokens = (c: ExperimentCase): number => ('ids' in c ? c.ids : c.clean).length;

/**
 * A row's lengths among those the run asks for, or the run's shortest where none of them is
 * asked for, so that `--quick` (64 tokens) still has every row.
 */
export function rowLengths(row: keyof typeof ROW_LENGTHS, asked: readonly number[], nPositions: number): number[] {
  const fit = asked.filter((n) => n <= nPositions);
  const mine = ROW_LENGTHS[row].filter((n) => fit.includes(n));
  return mine.length > 0 ? mine : fit.length > 0 ? [Math.min(...fit)] : [];
}

/**
 * Every case of a run. Clean is the bench passage cut to T tokens, corrupted the T tokens
 * that follow it; the logit difference contrasts the token after each. The one-token sweep
 * corrupts only the middle token of the clean prompt (replaced by the passage's token T), the
 * way an IOI pair swaps one name: a patch before that position changes nothing, which our
 * sweep skips and a loop of hooked forwards does not. It is an extra row, left out when
 * `extraRows` is false (--quick) and, unlike the others, run only at its own lengths. The
 * ablated head sits in the middle layer, and attribution explains the clean prompt's next
 * token.
 */
export function experimentCases(config: GPT2Config, asked: readonly number[], extraRows = true): ExperimentCase[] {
  const longest = Math.max(...asked, ...Object.values(ROW_LENGTHS).flat());
  const text = benchText(2 * longest + 2);
  const clean = (T: number) => text.slice(0, T);
  const cases: ExperimentCase[] = [];
  const at = (row: keyof typeof ROW_LENGTHS) => rowLengths(row, asked, config.n_positions);
  for (const T of at('forward')) cases.push({ experiment: 'forward', ids: clean(T) });
  for (const experiment of ['resid_pre_sweep', 'z_sweep'] as const)
    for (const T of at(experiment)) {
      const corrupted = text.slice(T, 2 * T);
      const answer = text[T];
      const after = text[2 * T];
      cases.push({ experiment, clean: clean(T), corrupted, answer, against: after === answer ? answer + 1 : after });
    }
  const oneToken = ROW_LENGTHS.resid_pre_one_token.filter((T) => asked.includes(T) && T <= config.n_positions);
  for (const T of extraRows ? oneToken : []) {
    const corrupted = clean(T);
    const middle = T >> 1;
    corrupted[middle] = text[T] === corrupted[middle] ? text[T] + 1 : text[T];
    const answer = text[T];
    const against = text[T + 1] === answer ? answer + 1 : text[T + 1];
    cases.push({ experiment: 'resid_pre_one_token', clean: clean(T), corrupted, answer, against });
  }
  for (const T of at('head_ablation'))
    cases.push({ experiment: 'head_ablation', ids: clean(T), layer: config.n_layer >> 1, head: 0 });
  for (const T of at('attribution')) cases.push({ experiment: 'attribution', ids: clean(T), target: text[T] });
  if (2 * PROBE_LENGTH + 1 <= config.n_positions)
    cases.push({
      experiment: 'induction_probe',
      ids: probeTokens(config, PROBE_LENGTH, PROBE_SEED),
      length: PROBE_LENGTH,
      seed: PROBE_SEED,
    });
  return cases;
}

/** What each side computed, for the agreement check. */
export interface SweepValues {
  values: number[][];
  cleanDiff: number;
  corruptedDiff: number;
}
export type ExperimentOutput =
  | { top: number }
  | SweepValues
  | { logits: string }
  | { logit: number; components: Record<string, number>; residualError: number }
  | { induction: number[][]; lossFirstCopy: number; lossSecondCopy: number };

/** One row timed on one side. */
export interface ExperimentRow {
  experiment: ExperimentName;
  tokens: number;
  /** Forwards a loop of one run per cell makes (a sweep's cells; 1 otherwise). */
  cells: number;
  /** A sweep is timed once, whole; the rest over the run's timed runs after a warm-up. */
  ms: Stat;
  result: ExperimentOutput;
}

export interface PytorchResult {
  torch: string;
  transformers: string;
  threads: number;
  rows: (ExperimentRow & { attention: string })[];
}

/**
 * A sweep done as a loop of one full edited run per cell, the incremental design's
 * baseline: some cells timed, spread over the grid, and the whole loop estimated from them.
 */
export interface NaiveLoop {
  cellsTimed: number;
  perCellMs: Stat;
  /** The median cell times the grid's cell count. */
  totalMs: number;
}

/** Our side of one row, in the bench page on wasm. */
export interface OursExperimentRow extends ExperimentRow {
  /**
   * The ablation and the attribution: `ms` is the call the page makes, on the prompt's
   * trace it already holds; this is the same result from the ids alone (the ablation run
   * from the embeddings, the attribution's trace included). Null for the other rows.
   */
  withoutHeldTrace: Stat | null;
  /** The rows timed over several runs: one more call under tf.profile, kernel time per kernel. Null for sweeps. */
  kernels: KernelTime[] | null;
  /** Sweeps: the naive loop over the same grid. */
  naive: NaiveLoop | null;
  /** Sweeps: peak bytes of TF.js tensors during the sweep (tf.profile), weights included. */
  peakTensorBytes: number | null;
  /** Sweeps: the longest wait between two progress reports (or from the start to the first), ms. */
  longestProgressGapMs: number | null;
}

export interface ExperimentsRun {
  model: string;
  /** Our rows, or null where they did not run, with the reason in `oursMissing`. */
  ours: OursExperimentRow[] | null;
  oursMissing: string | null;
  pytorch: PytorchResult | null;
}
