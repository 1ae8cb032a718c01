/**
 * The bench's whole output, as written to bench-results/results.json and benchmarks.json:
 * this file and the types it names (page/protocol.ts, ui-protocol.ts, experiments.ts) are
 * the schema. Times are ms; every Stat is median, quartiles, min and max of `runs` timed
 * runs. The published benchmarks.json leaves out the agreement check's raw logit rows.
 */
import type { ExperimentsRun } from './experiments';
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';
import type { OursResult, PeerResult, Stat } from './page/protocol';
import type { UiResult } from './ui-protocol';
import type { BackendName } from '../../src/model/types';

export interface Agreement {
  model: string;
  tokens: number;
  /** Max |ours - peer| over the vocabulary at each checked position (trace + logitsAt vs the all-position graph). */
  positions: number[];
  rowsMaxAbsDiff: number[];
  /** nextLogits vs the last-position graph. */
  lastMaxAbsDiff: number;
  /** Whether both runtimes rank the same token first at every checked row. */
  sameTop1: boolean;
}

export interface OursRun {
  /** Folder under weights/. */
  model: string;
  result: OursResult;
}

export interface PeerRun {
  model: string;
  result: PeerResult;
}

/**
 * Our wasm runtime and the peer timed in alternation at one prompt length (paired.ts):
 * each ratio is taken within one round, ours over the peer, then summarised.
 */
export interface PairedLength {
  model: string;
  tokens: number;
  /** (a) the explainer's run / the peer's last-position logits. */
  run: Stat;
  /** (b) trace with every position's prediction / the peer's all-position logits. */
  trace: Stat;
  /** nextLogits / the peer's last-position logits of the same round. */
  nextLogits: Stat;
  /** The raw times of every round, ms, in round order. */
  samples: { run: number[]; lastLogits: number[]; trace: number[]; allLogits: number[]; nextLogits: number[] };
}

export interface BenchResults {
  date: string;
  options: Omit<BenchOptions, 'help' | 'publish'>;
  machine: MachineInfo;
  durationSeconds: number;
  ours: OursRun[];
  /** Backends that could not start in this browser, with the reason. */
  unavailable: { backend: BackendName; reason: string }[];
  /** Jobs that failed (e.g. a page that ran out of memory), with the reason. */
  failures: { what: string; reason: string }[];
  peer: PeerRun[];
  /** Per-round ratios of ours to the peer, where both ran (wasm). */
  paired: PairedLength[];
  agreement: Agreement[];
  /** The experiments rows, ours against the PyTorch peer, on GPT-2-shaped weights. */
  experiments: ExperimentsRun[];
  ui: UiResult | null;
}
