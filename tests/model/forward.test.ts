import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import type { GPT2Config } from '../../src/model/config';
import { blockForward, blockForwardRows, embed } from '../../src/model/forward';
import { createModelTensors, disposeModelTensors, type ModelTensors } from '../../src/model/model-tensors';
import { causalMaskBias } from '../../src/model/ops';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { loadWeights } from '../../src/weights/weights';

let config: GPT2Config;
let m: ModelTensors;

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`blockForwardRows (${backend})`, () => {
    beforeAll(async () => {
      await selectBackend([backend], { wasmPaths: nodeWasmPaths() });
      const loaded = await loadWeights(dirSource('weights/tiny-random'));
      config = loaded.config;
      m = createModelTensors(config, loaded.tensors);
    });
    afterAll(() => disposeModelTensors(m));

    it('gives the kept rows of the whole block, after a cache and under the same mask', async () => {
      const ids = [5, 17, 300, 4, 42, 9, 77, 1000];
      const past = blockForward(embed(m, ids.slice(0, 3)), m.blocks[0], config, causalMaskBias(3)).cache;
      const x = embed(m, ids.slice(3), 3);
      const mask = causalMaskBias(5, 3);
      const rows = [1, 4];
      const whole = blockForward(x, m.blocks[0], config, mask, past).residPost;
      const kept = blockForwardRows(x, m.blocks[0], config, mask, past, rows);
      expect(kept.shape).toEqual([rows.length, config.n_embd]);
      const want = await tf.gather(whole, rows).data();
      const got = await kept.data();
      let worst = 0;
      got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want[i]))));
      expect(worst).toBeLessThan(1e-5);
      // A row the mask keeps from a later key must not see it: a changed later row leaves it alone.
      const changed = tf.concat([tf.slice(x, [0, 0], [4, -1]), tf.mul(tf.slice(x, [4, 0], [1, -1]), 3)]);
      const again = await blockForwardRows(changed as tf.Tensor2D, m.blocks[0], config, mask, past, [1]).data();
      again.forEach((v, i) => expect(v).toBe(got[i]));
    });
  });
}
