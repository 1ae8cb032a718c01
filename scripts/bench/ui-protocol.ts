/** Figures measured on the app's own page (the production build, model in its Web Worker). */
import type { Stat } from './page/protocol';
import type { BackendName } from '../../src/model/types';

export interface LongTasks {
  count: number;
  /** Longest main-thread task, ms (0 when there was none). */
  maxMs: number;
}

export interface UiResult {
  model: string;
  backend: BackendName | 'auto';
  tokens: number;
  /** Temperature slider step to the frame that shows the redrawn probabilities, ms. */
  temperatureRedraw: Stat;
  /** Token click in the attention view to the frame that shows its lines, ms. */
  tokenClick: Stat;
  /** Main-thread long tasks (over 50 ms) while a new prompt was traced. */
  longTasksDuringTrace: LongTasks;
  /** ... and while tokens were generated. */
  longTasksDuringGeneration: LongTasks | null;
  /** ... and while the page ran its experiments: an ablation, a patching sweep, an attribution, the induction test. */
  longTasksDuringExperiments: LongTasks | null;
}
