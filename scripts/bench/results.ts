/** The bench's whole output, as written to bench-results/results.json and benchmarks.json. */
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';
import type { OursResult, PeerResult } from './page/protocol';
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
  agreement: Agreement[];
  ui: UiResult | null;
}
