/**
 * The runtime's behaviour on the wasm backend: no leaked tensors, the KV cache agrees with
 * full re-runs, the views of one trace agree with each other, bad input is refused
 * with one line. (Fidelity to transformers is golden.test.ts, on cpu.)
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import type { GPT2Config } from '../../src/model/config';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import type { GPT2Runtime, TraceSummary, WeightTensor } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';
import { readGolden } from './golden-data';
import { failure, leavesNoTensors, maxDiff } from './tensor-checks';

const IDS = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290, 13, 632, 373];

let config: GPT2Config;
let weights: Map<string, WeightTensor>;
let runtime: GPT2Runtime;
let summary: TraceSummary;

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
  ({ config, tensors: weights } = await loadWeights(dirSource('weights/tiny-random')));
  runtime = await createRuntime(config, weights);
  summary = await runtime.trace(IDS);
});

afterAll(() => runtime?.dispose());

describe('runtime on wasm', () => {
  it('reports its backend and config', () => {
    expect(runtime.backend).toBe('wasm');
    expect(runtime.config).toEqual(config);
  });

  it('leaves no tensors behind in any method', async () => {
    const s = await leavesNoTensors(() => runtime.trace(IDS));
    await leavesNoTensors(() => runtime.block(s, 1));
    await leavesNoTensors(() => runtime.tokenAttention(s, 4));
    await leavesNoTensors(() => runtime.logitsAt(s, 2));
    await leavesNoTensors(() => runtime.nextLogits(IDS));
    await leavesNoTensors(async () => {
      const { session } = await runtime.startGeneration(IDS.slice(0, 3));
      await session.step(IDS[3]);
      await session.step(IDS[4]);
      session.dispose();
    });
    await leavesNoTensors(() => failure(runtime.trace([config.vocab_size])));
  });

  it('frees every tensor it made on dispose, open generation sessions included', async () => {
    const before = tf.memory().numTensors;
    const rt = await createRuntime(config, weights);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    const { session } = await rt.startGeneration(IDS.slice(0, 4));
    await session.step(IDS[4]);
    rt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(await failure(rt.trace(IDS))).toMatch(/unloaded/);
    expect(await failure(session.step(1))).toMatch(/disposed/);
  });

  it('generates over the KV cache with the logits of a full re-run', async () => {
    const { logits, session } = await runtime.startGeneration(IDS.slice(0, 4));
    expect(maxDiff(logits, await runtime.nextLogits(IDS.slice(0, 4)))).toBeLessThan(1e-4);
    for (let n = 4; n < IDS.length; n++) {
      const step = await session.step(IDS[n]);
      expect(session.length).toBe(n + 1);
      expect(maxDiff(step, await runtime.nextLogits(IDS.slice(0, n + 1)))).toBeLessThan(1e-4);
    }
    session.dispose();
  });

  it('stops a generation at the context length', async () => {
    const ids = Array.from({ length: config.n_positions - 1 }, (_, i) => (i * 37) % config.vocab_size);
    const { session } = await runtime.startGeneration(ids);
    await session.step(5);
    expect(session.length).toBe(config.n_positions);
    expect(await failure(session.step(6))).toMatch(/context is full/);
    session.dispose();
  });

  it('gives the same numbers from every view of one trace', async () => {
    const L = config.n_layer;
    const T = IDS.length;
    expect(maxDiff(await runtime.nextLogits(IDS), summary.lastLogits)).toBeLessThan(1e-4);
    expect(maxDiff(await runtime.logitsAt(summary, T - 1), summary.lastLogits)).toBeLessThan(1e-4);
    const at3 = await runtime.logitsAt(summary, 3);
    for (const c of summary.predictions[3].top) expect(at3[c.id]).toBeCloseTo(c.logit, 4);

    const attention = await runtime.tokenAttention(summary, 4);
    for (let l = 0; l < L; l++) {
      const b = await runtime.block(summary, l);
      expect(maxDiff(b.residPost.data, summary.resid[l + 1].data)).toBeLessThan(1e-5);
      for (let h = 0; h < config.n_head; h++) {
        const row = b.pattern.data.subarray((h * T + 4) * T, (h * T + 5) * T);
        const col = Array.from({ length: T }, (_, q) => b.pattern.data[(h * T + q) * T + 4]);
        expect(maxDiff(attention.from[l][h], row)).toBeLessThan(1e-6);
        expect(maxDiff(attention.to[l][h], col)).toBeLessThan(1e-6);
        expect(attention.from[l][h].subarray(5).every((p) => p === 0)).toBe(true);
        expect(attention.to[l][h].subarray(0, 4).every((p) => p === 0)).toBe(true);
      }
    }
  });

  it('returns typed arrays that each own their buffer, so each can be transferred', () => {
    const arrays = [summary.embed, summary.posEmbed, ...summary.resid, summary.lnFinal].map((m) => m.data);
    arrays.push(summary.lastLogits);
    expect(new Set(arrays.map((a) => a.buffer)).size).toBe(arrays.length);
    for (const a of arrays) expect(a.byteLength).toBe(a.buffer.byteLength);
  });

  // The full-context prompt takes wasm's per-head attention path (32 rows or more), the
  // short one its batched path.
  it('matches the golden logits and pattern on wasm too, short and full-context', async () => {
    for (const p of readGolden().prompts.filter((x) => x.name === 'english' || x.name === 'full-context')) {
      const s = await runtime.trace(p.ids);
      expect(maxDiff(s.lastLogits, p.get('last_logits').data)).toBeLessThan(2e-3);
      const next = s.predictions.slice(0, -1).map((x) => x.nextLogprob as number);
      expect(maxDiff(next, p.get('predictions.next_logprob').data)).toBeLessThan(2e-3);
      const b = await runtime.block(s, 1);
      expect(maxDiff(b.pattern.data, p.get('blocks.1.pattern').data)).toBeLessThan(1e-5);
      const { logits, session } = await runtime.startGeneration(p.ids);
      session.dispose();
      expect(maxDiff(logits, s.lastLogits)).toBeLessThan(1e-4);
    }
  });

  it('refuses bad input with one line', async () => {
    expect(await failure(runtime.trace([]))).toMatch(/no tokens/);
    const tooLong = new Array<number>(config.n_positions + 1).fill(1);
    expect(await failure(runtime.trace(tooLong))).toMatch(/at most 128/);
    expect(await failure(runtime.nextLogits([1, config.vocab_size]))).toMatch(/not in the vocabulary/);
    expect(await failure(runtime.startGeneration([1.5]))).toMatch(/not in the vocabulary/);
    expect(await failure(runtime.block(summary, config.n_layer))).toMatch(/layer 2 is out of range/);
    expect(await failure(runtime.tokenAttention(summary, IDS.length))).toMatch(/position 12 is out of range/);
    expect(await failure(runtime.logitsAt(summary, -1))).toMatch(/out of range/);
    const other = { ...summary, config: { ...config, n_layer: 3 } };
    expect(await failure(runtime.block(other, 0))).toMatch(/different model/);
    const emptied = { ...summary, resid: summary.resid.map((m) => ({ ...m, data: new Float32Array(0) })) };
    expect(await failure(runtime.block(emptied, 0))).toMatch(/transferred away/);
  });

  it('refuses weights that do not fit the config, naming the weight, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const missing = new Map(weights);
    missing.delete('h.1.mlp.c_fc.bias');
    expect(await failure(createRuntime(config, missing))).toMatch(/"h\.1\.mlp\.c_fc\.bias" is missing/);
    const wrong = new Map(weights);
    wrong.set('ln_f.weight', { name: 'ln_f.weight', shape: [3], data: new Float32Array(3) });
    expect(await failure(createRuntime(config, wrong))).toMatch(/"ln_f\.weight" has shape \[3\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
