import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import {
  attend,
  attentionPattern,
  causalMaskBias,
  geluNew,
  layerNormParts,
  mergeHeads,
  mixValues,
  rawScores,
  scaledScores,
} from '../../src/model/ops';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

describe('GPT-2 ops', () => {
  it('gelu_new is the tanh form, not the exact erf GELU', async () => {
    const xs = [-4, -1.5, -0.3, 0, 0.7, 2, 5];
    const got = await geluNew(tf.tensor2d(xs, [1, xs.length])).data();
    const c = Math.sqrt(2 / Math.PI);
    xs.forEach((x, i) => expect(got[i]).toBeCloseTo(0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x ** 3))), 6));
    // The tanh form gives 1.399572 at 1.5, the erf GELU 1.399789: they differ in the 4th decimal.
    const [g] = await geluNew(tf.tensor2d([1.5], [1, 1])).data();
    expect(g).toBeCloseTo(1.399572, 5);
    expect(Math.abs(g - 1.399789)).toBeGreaterThan(1e-4);
  });

  it('LayerNorm uses the biased variance and eps inside the square root', async () => {
    const row = [1, 2, 3, 10];
    const eps = 1e-5;
    const parts = layerNormParts(
      tf.tensor2d(row, [1, 4]),
      { gamma: tf.tensor1d([1, 2, 1, 1]), beta: tf.tensor1d([0, 0, 0, 0.5]) },
      eps,
    );
    const mean = 4;
    const std = Math.sqrt(row.reduce((s, x) => s + (x - mean) ** 2, 0) / 4 + eps);
    expect((await parts.mean.data())[0]).toBeCloseTo(mean, 6);
    expect((await parts.std.data())[0]).toBeCloseTo(std, 5);
    const out = await parts.out.data();
    expect(out[1]).toBeCloseTo((2 * (2 - mean)) / std, 5);
    expect(out[3]).toBeCloseTo((10 - mean) / std + 0.5, 5);
  });

  it('the causal mask hides exactly the future keys, also after cached positions', async () => {
    expect(Array.from(await causalMaskBias(3).data())).toEqual([0, -1e9, -1e9, 0, 0, -1e9, 0, 0, 0]);
    // Two new queries at positions 2 and 3 over keys 0..3.
    expect(Array.from(await causalMaskBias(2, 2).data())).toEqual([0, 0, 0, -1e9, 0, 0, 0, 0]);
  });

  it('attention run head by head (wasm, 32 rows or more) gives exactly the numbers of the traced stages', async () => {
    const [H, D] = [3, 64];
    const random = (T: number) => tf.randomNormal([H, T, D], 0, 1, 'float32', 7) as tf.Tensor3D;
    for (const backend of ['wasm', 'cpu']) {
      await selectBackend([backend as 'wasm' | 'cpu'], { wasmPaths: nodeWasmPaths() });
      for (const T of [5, 40]) {
        const [q, k, v] = [random(T), tf.mul(random(T), 0.5) as tf.Tensor3D, random(T)];
        const mask = causalMaskBias(T);
        const staged = mergeHeads(mixValues(attentionPattern(scaledScores(rawScores(q, k), D, mask)), v));
        const direct = attend(q, k, v, mask);
        expect(direct.shape).toEqual([T, H * D]);
        // Bit for bit: with d_head 64, q/8 . k is exactly (q . k)/8.
        expect(Array.from(await direct.data()), `${backend}, ${T} rows`).toEqual(Array.from(await staged.data()));
        tf.dispose([q, k, v, mask, staged, direct]);
      }
    }
  });
});
