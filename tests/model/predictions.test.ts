/**
 * Predictions and the logit lens on request: the same numbers as in a trace, no tensors left behind (wasm, tiny-
 * random).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { logitLensOf } from '../../src/model/logit-lens';
import type { GPT2Runtime } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';

const IDS = [464, 2068, 7586, 21831, 18045, 625, 262, 16931, 3290];

let runtime: GPT2Runtime;

beforeAll(async () => {
  await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  runtime = await createRuntime(config, tensors);
});
afterAll(() => runtime?.dispose());

describe('predictions on request', () => {
  it('a trace without predictions has the same stream, and predictions() gives what the full trace reads', async () => {
    const full = await runtime.trace(IDS);
    const lean = await runtime.trace(IDS, { predictions: false });
    expect(lean.predictions).toEqual([]);
    expect(lean.resid.map((r) => Array.from(r.data))).toEqual(full.resid.map((r) => Array.from(r.data)));
    expect(Array.from(lean.lastLogits)).toEqual(Array.from(full.lastLogits));
    const before = tf.memory().numTensors;
    const later = await runtime.predictions(lean);
    expect(tf.memory().numTensors).toBe(before);
    expect(later).toHaveLength(IDS.length);
    later.forEach((p, t) => {
      expect(p.top.map((s) => s.id)).toEqual(full.predictions[t].top.map((s) => s.id));
      p.top.forEach((s, i) => expect(s.logprob).toBeCloseTo(full.predictions[t].top[i].logprob, 5));
      if (p.nextLogprob === null) expect(full.predictions[t].nextLogprob).toBeNull();
      else expect(p.nextLogprob).toBeCloseTo(full.predictions[t].nextLogprob!, 5);
      expect(p.entropy).toBeCloseTo(full.predictions[t].entropy, 5);
    });
    // A full trace's own predictions are handed back, not recomputed.
    expect(await runtime.predictions(full)).toBe(full.predictions);
  });

  it('the logit lens of a trace without predictions equals that of a full trace, and frees its tensors', async () => {
    const full = await runtime.trace(IDS);
    const lean = await runtime.trace(IDS, { predictions: false });
    const before = tf.memory().numTensors;
    const fromLean = await logitLensOf(runtime, lean);
    expect(tf.memory().numTensors).toBe(before);
    const fromFull = await logitLensOf(runtime, full);
    expect(fromLean).toHaveLength(runtime.config.n_layer + 1);
    fromLean.forEach((row, l) =>
      row.forEach((cell, t) => {
        expect(cell.top.map((s) => s.id)).toEqual(fromFull[l][t].top.map((s) => s.id));
        if (cell.nextLogprob !== null) expect(cell.nextLogprob).toBeCloseTo(fromFull[l][t].nextLogprob!, 5);
      }),
    );
  });

  it('refuses a summary from a model of another shape', async () => {
    const s = await runtime.trace(IDS, { predictions: false });
    const other = { ...s, config: { ...s.config, n_embd: s.config.n_embd * 2 } };
    await expect(runtime.predictions(other)).rejects.toThrow(/different model/);
    await expect(logitLensOf(runtime, other)).rejects.toThrow(/different model/);
  });
});
