/**
 * The experiments rows on both sides in one go: our runtime, already open in its bench
 * page, and the PyTorch peer, alternating row by row (who goes first swaps every row) so a
 * busy spell on a shared machine lands on both, as the forward-pass comparison does run by run.
 */
import { oneLine } from '../lib/cli-error';
import type { OpenPage } from './browser';
import { experimentCases, type ExperimentsRun } from './experiments';
import type { BenchPage, TimingPlan } from './page/protocol';
import { startPytorchPeer } from './pytorch-peer';
import type { GPT2Config } from '../../src/model/config';

/** Cells of each sweep timed as full edited runs for the naive loop: two per layer of GPT-2 small. */
const NAIVE_CELLS = 24;
/** The sweeps' peak tensor bytes are measured at this length (issue 17's 1.5 GB bound is for 64 tokens). */
const PROFILE_SWEEP_TOKENS = 64;

export async function runExperimentsBothSides(
  page: OpenPage<BenchPage>,
  model: string,
  config: GPT2Config,
  lengths: number[],
  extraRows: boolean,
  plan: TimingPlan,
  log: (line: string) => void,
  failed: (what: string, e: unknown) => void,
): Promise<ExperimentsRun> {
  const run: ExperimentsRun = { model, ours: [], oursMissing: null, pytorch: null };
  log(`${model}: the experiments rows, ours alternating with PyTorch (tools/bench_experiments.py)`);
  let peer: Awaited<ReturnType<typeof startPytorchPeer>> | null = null;
  try {
    peer = await startPytorchPeer(model, plan, 'bench-results');
    run.pytorch = { ...peer.versions, rows: [] };
  } catch (e) {
    failed(`${model}: the PyTorch experiments`, e);
  }
  const job = { runs: plan.runs, warmupSeconds: plan.warmupSeconds, naiveCells: NAIVE_CELLS };
  const ours = async (c: (typeof cases)[number]) => {
    if (!run.ours) return;
    try {
      run.ours.push(
        ...(await page.call('oursExperiments', { ...job, cases: [c], profileTokens: PROFILE_SWEEP_TOKENS })),
      );
    } catch (e) {
      run.ours = null;
      run.oursMissing = oneLine(e);
      failed(`${model}: our experiments`, e);
    }
  };
  const pytorch = async (c: (typeof cases)[number]) => {
    if (!peer || !run.pytorch) return;
    try {
      run.pytorch.rows.push(await peer.run(c));
    } catch (e) {
      run.pytorch = null;
      failed(`${model}: the PyTorch experiments`, e);
    }
  };
  const cases = experimentCases(config, lengths, extraRows);
  try {
    for (const [i, c] of cases.entries()) {
      const order = i % 2 === 0 ? [ours, pytorch] : [pytorch, ours];
      for (const side of order) await side(c);
    }
  } finally {
    await peer?.close();
  }
  return run;
}
