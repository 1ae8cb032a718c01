/** The logit lens grid on a real trace of the tiny fixture (cpu backend). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logitLensGrid, settlingLayer } from '../../src/analysis/logit-lens';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { createRuntime } from '../../src/model/runtime';
import { logitLensOf, type LogitLens } from '../../src/model/logit-lens';
import { weightNames, type GPT2Runtime, type TraceSummary, type WeightTensor } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';

const IDS = [464, 2068, 7586, 21831, 18045, 625, 262, 16931];

let runtime: GPT2Runtime;
let summary: TraceSummary;
let lens: LogitLens;
let weights: Map<string, WeightTensor>;

beforeAll(async () => {
  await selectBackend(['cpu']);
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  weights = tensors;
  runtime = await createRuntime(config, tensors);
  summary = await runtime.trace(IDS);
  lens = await logitLensOf(runtime, summary);
});
afterAll(() => runtime?.dispose());

function logSoftmaxAt(logits: Float32Array, id: number): number {
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  let s = 0;
  for (const x of logits) s += Math.exp(x - max);
  return logits[id] - max - Math.log(s);
}

describe('logitLensGrid', () => {
  it('has n_layer + 1 rows of T cells', () => {
    const grid = logitLensGrid(summary, lens);
    expect(grid).toHaveLength(summary.config.n_layer + 1);
    for (const row of grid) expect(row).toHaveLength(IDS.length);
  });

  it('its last layer is the model output: the same argmax and probabilities as the real logits', async () => {
    const grid = logitLensGrid(summary, lens);
    const last = grid[summary.config.n_layer];
    for (const t of [0, 3, IDS.length - 1]) {
      const logits = await runtime.logitsAt(summary, t);
      let argmax = 0;
      for (let i = 1; i < logits.length; i++) if (logits[i] > logits[argmax]) argmax = i;
      expect(last[t].topId).toBe(argmax);
      expect(Math.log(last[t].topProb)).toBeCloseTo(logSoftmaxAt(logits, argmax), 3);
      if (t < IDS.length - 1) expect(Math.log(last[t].nextProb!)).toBeCloseTo(logSoftmaxAt(logits, IDS[t + 1]), 3);
    }
    // At the last position the lens agrees with summary.lastLogits too.
    expect(Math.log(last[IDS.length - 1].topProb)).toBeCloseTo(
      logSoftmaxAt(summary.lastLogits, last[IDS.length - 1].topId),
      3,
    );
  });

  it('reads an early layer boundary through ln_f and W_U: row 0 at a position, recomputed by hand', () => {
    const { n_embd: E, vocab_size: V, layer_norm_epsilon: eps } = summary.config;
    const t = 3;
    const x = summary.resid[0].data.subarray(t * E, (t + 1) * E);
    const mean = x.reduce((a, b) => a + b, 0) / E;
    const std = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / E + eps);
    const [g, b] = [weights.get(weightNames.lnfW)!.data, weights.get(weightNames.lnfB)!.data];
    const h = Array.from(x, (v, i) => ((v - mean) / std) * g[i] + b[i]);
    const wte = weights.get(weightNames.wte)!.data;
    const logits = new Float32Array(V);
    for (let v = 0; v < V; v++) {
      let dot = 0;
      for (let i = 0; i < E; i++) dot += h[i] * wte[v * E + i];
      logits[v] = dot;
    }
    const cell = logitLensGrid(summary, lens)[0][t];
    let argmax = 0;
    for (let v = 1; v < V; v++) if (logits[v] > logits[argmax]) argmax = v;
    expect(cell.topId).toBe(argmax);
    expect(Math.log(cell.topProb)).toBeCloseTo(logSoftmaxAt(logits, argmax), 4);
    expect(Math.log(cell.nextProb!)).toBeCloseTo(logSoftmaxAt(logits, IDS[t + 1]), 4);
  });

  it('gives the next token, and null at the last position', () => {
    const grid = logitLensGrid(summary, lens);
    expect(grid[0][2].nextId).toBe(IDS[3]);
    expect(grid[1][IDS.length - 1].nextId).toBeNull();
    expect(grid[1][IDS.length - 1].nextProb).toBeNull();
    for (const row of grid) for (const c of row) expect(c.topProb).toBeGreaterThanOrEqual(c.nextProb ?? 0);
  });

  it('settlingLayer finds where the final top token first appears for good', () => {
    const grid = logitLensGrid(summary, lens);
    for (let t = 0; t < IDS.length; t++) {
      const l = settlingLayer(grid, t);
      const final = grid[grid.length - 1][t].topId;
      for (let k = l; k < grid.length; k++) expect(grid[k][t].topId).toBe(final);
      if (l > 0) expect(grid[l - 1][t].topId).not.toBe(final);
    }
  });
});
