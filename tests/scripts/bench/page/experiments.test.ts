/**
 * The bench page's experiments rows, run in Node on the tiny model: every case gives its
 * row, the sweep's figures are where the plan asks for them, and the cases the bench
 * hands both sides are the ones the runtime computes (the induction probe's tokens).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { experimentCases } from '../../../../scripts/bench/experiments';
import { runExperiments } from '../../../../scripts/bench/page/experiments';
import { selectBackend } from '../../../../src/model/backend';
import { dirSource } from '../../../../src/node/node-source';
import { nodeWasmPaths } from '../../../../src/node/node-wasm';
import { createRuntime } from '../../../../src/model/runtime';
import type { GPT2Runtime } from '../../../../src/model/types';
import { loadWeights } from '../../../../src/weights/weights';

let runtime: GPT2Runtime;

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  runtime = await createRuntime(config, tensors);
});

afterAll(() => runtime?.dispose());

describe('runExperiments', () => {
  it('answers one row per case, with the sweep figures the plan asks for', async () => {
    const { n_layer, n_head } = runtime.config;
    const cases = experimentCases(runtime.config, [16]);
    const rows = await runExperiments(runtime, { cases, runs: 2, warmupSeconds: 0, naiveCells: 3, profileTokens: 16 });
    expect(rows.map((r) => `${r.experiment}@${r.tokens}`)).toEqual(
      cases.map((c) => `${c.experiment}@${'ids' in c ? c.ids.length : c.clean.length}`),
    );
    const resid = rows.find((r) => r.experiment === 'resid_pre_sweep')!;
    const z = rows.find((r) => r.experiment === 'z_sweep')!;
    expect([resid.cells, z.cells]).toEqual([n_layer * 16, n_layer * n_head]);
    for (const sweep of [resid, z]) {
      expect(sweep.naive?.cellsTimed).toBe(3);
      expect(sweep.naive!.totalMs).toBeCloseTo(sweep.naive!.perCellMs.median * sweep.cells, 6);
      // Weights alone are most of the peak: the profile ran.
      expect(sweep.peakTensorBytes).toBeGreaterThan(runtime.config.vocab_size * runtime.config.n_embd * 4);
      expect(sweep.longestProgressGapMs).toBeGreaterThan(0);
      expect(sweep.longestProgressGapMs).toBeLessThanOrEqual(sweep.ms.median);
    }
    for (const single of rows.filter((r) => r.cells === 1)) {
      expect(single.ms.runs).toBe(2);
      expect([single.naive, single.peakTensorBytes, single.longestProgressGapMs]).toEqual([null, null, null]);
      const onHeldTrace = single.experiment === 'head_ablation' || single.experiment === 'attribution';
      expect(single.withoutHeldTrace?.runs ?? null).toBe(onHeldTrace ? 2 : null);
    }
    for (const sweep of [resid, z]) expect(sweep.withoutHeldTrace).toBeNull();
    const attribution = rows.find((r) => r.experiment === 'attribution')!.result;
    expect('residualError' in attribution && Math.abs(attribution.residualError)).toBeLessThan(1e-3);
  });

  it('refuses a probe whose tokens are not the runtime’s', async () => {
    const probe = experimentCases(runtime.config, [16]).find((c) => c.experiment === 'induction_probe')!;
    if (probe.experiment !== 'induction_probe') throw new Error('no probe case');
    const wrong = { ...probe, ids: probe.ids.map((t, i) => (i === 1 ? t + 1 : t)) };
    await expect(
      runExperiments(runtime, { cases: [wrong], runs: 1, warmupSeconds: 0, naiveCells: 0, profileTokens: 0 }),
    ).rejects.toThrow(/other probe tokens/);
  });
});
