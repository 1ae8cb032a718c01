/**
 * The wasm backend's one-kernel LayerNorm (src/model/wasm-layer-norm.ts) gives the
 * composite's numbers, and layerNorm runs it exactly for the short inputs it is for.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { layerNorm, layerNormParts } from '../../src/model/ops';
import { FUSED_LAYER_NORM_MAX_ROWS, LAYER_NORM_KERNEL, fusedLayerNorm } from '../../src/model/wasm-layer-norm';
import { nodeWasmPaths } from '../../src/node/node-wasm';

beforeAll(async () => {
  await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
});

/** Deterministic rows with an offset and a spread that differ from row to row, as a residual stream's do. */
function rows(count: number, n: number): tf.Tensor2D {
  const data = new Float32Array(count * n);
  for (let r = 0; r < count; r++)
    for (let i = 0; i < n; i++) data[r * n + i] = 3 * Math.sin(r + 1) + (1 + r) * Math.cos(i * 0.37 + r);
  return tf.tensor2d(data, [count, n]);
}

const weights = (n: number) => ({
  gamma: tf.tensor1d(Array.from({ length: n }, (_, i) => 0.5 + (i % 7) * 0.25)),
  beta: tf.tensor1d(Array.from({ length: n }, (_, i) => ((i % 5) - 2) * 0.1)),
});

describe('the wasm LayerNorm kernel', () => {
  it('gives the composite LayerNorm to within a few float32 roundings', async () => {
    for (const [count, n] of [
      [1, 768],
      [16, 768],
      [5, 64],
      [64, 128],
    ]) {
      const x = rows(count, n);
      const w = weights(n);
      const [fused, composite] = await Promise.all([
        fusedLayerNorm(x, w.gamma, w.beta, 1e-5).data(),
        tf.tidy(() => layerNormParts(x, w, 1e-5).out).data(),
      ]);
      let worst = 0;
      for (let i = 0; i < fused.length; i++) worst = Math.max(worst, Math.abs(fused[i] - composite[i]));
      expect(worst, `${count} x ${n}`).toBeLessThan(1e-5);
    }
  });

  it('is what layerNorm runs up to its row limit, and the composite beyond it', async () => {
    const w = weights(32);
    const kernelsOf = async (count: number) =>
      (await tf.profile(() => layerNorm(rows(count, 32), w, 1e-5))).kernelNames;
    expect(await kernelsOf(FUSED_LAYER_NORM_MAX_ROWS)).toContain(LAYER_NORM_KERNEL);
    const beyond = await kernelsOf(FUSED_LAYER_NORM_MAX_ROWS + 1);
    expect(beyond).not.toContain(LAYER_NORM_KERNEL);
    expect(beyond).toContain('Mean');
  });
});
