/**
 * W_U in column blocks: the logits and the token embeddings are those of the whole matrix,
 * for any rows, any ids (repeated, out of order, spread over blocks) and a vocabulary that
 * does not fill its last block.
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { tokenEmbeddings, UNEMBED_BLOCK, unembed, unembeddingBlocks } from '../../src/model/unembedding';

const VOCAB = 2 * UNEMBED_BLOCK + 37;
const E = 4;
const wte = Float32Array.from({ length: VOCAB * E }, (_, i) => Math.sin(i * 0.37) * 3);

describe('unembedding in blocks', () => {
  beforeAll(async () => {
    await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  });

  it('cuts W_U into blocks of UNEMBED_BLOCK columns, the last one partial', () => {
    const blocks = unembeddingBlocks(wte, VOCAB, E);
    expect(blocks.map((b) => b.shape)).toEqual([
      [E, UNEMBED_BLOCK],
      [E, UNEMBED_BLOCK],
      [E, 37],
    ]);
    tf.dispose(blocks);
  });

  it('gives the logits of the whole matrix', async () => {
    const blocks = unembeddingBlocks(wte, VOCAB, E);
    const x = tf.tensor2d([0.5, -1, 2, 0.25, 1, 1, -1, 3], [2, E]);
    const whole = tf.matMul(x, tf.transpose(tf.tensor2d(wte, [VOCAB, E])));
    const got = unembed(blocks, x);
    expect(got.shape).toEqual([2, VOCAB]);
    expect(Array.from(await got.data())).toEqual(Array.from(await whole.data()));
    tf.dispose([...blocks, x, whole, got]);
  });

  it('gathers the W_E rows of any ids, in the order given', async () => {
    const blocks = unembeddingBlocks(wte, VOCAB, E);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: VOCAB - 1 }), { minLength: 1, maxLength: 20 }),
        async (ids) => {
          const got = tokenEmbeddings(blocks, ids);
          expect(got.shape).toEqual([ids.length, E]);
          const want = ids.flatMap((id) => Array.from(wte.subarray(id * E, (id + 1) * E)));
          expect(Array.from(await got.data())).toEqual(want);
          got.dispose();
        },
      ),
      { numRuns: 50 },
    );
    tf.dispose(blocks);
  });
});
