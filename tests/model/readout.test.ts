import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { decodeReadout, readoutRows } from '../../src/model/readout';

beforeAll(async () => {
  await selectBackend(['cpu']);
});

/** The same statistics the slow way, in float64 from the full logits. */
function reference(logits: number[], next: number, k: number) {
  const max = Math.max(...logits);
  const lse = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
  const order = logits.map((l, id) => ({ id, l })).sort((a, b) => b.l - a.l);
  const entropy = -logits.reduce((s, l) => s + Math.exp(l - lse) * (l - lse), 0);
  return { top: order.slice(0, k), lse, nextLogprob: logits[next] - lse, entropy };
}

describe('readoutRows', () => {
  it('gives top-k, next-token log-probability and entropy without reading the logits, in any chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 5, max: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 5, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (rows, vocab, seed, chunkFloats, blockWidth) => {
          const E = 3;
          const x = tf.randomNormal<tf.Rank.R2>([rows, E], 0, 1, 'float32', seed);
          const wU = tf.randomNormal<tf.Rank.R2>([E, vocab], 0, 2, 'float32', seed + 1);
          const next = Array.from({ length: rows }, (_, r) => (r * 7 + seed) % vocab);
          const k = Math.min(4, vocab);
          const logits = tf.matMul(x, wU).arraySync() as number[][];
          // W_U comes in column blocks (unembedding.ts); any widths must give the same rows.
          const widths = Array.from({ length: Math.ceil(vocab / blockWidth) }, (_, b) =>
            Math.min(blockWidth, vocab - b * blockWidth),
          );
          const blocks = tf.split(wU, widths, 1) as tf.Tensor2D[];
          const got = decodeReadout(
            readoutRows(x, blocks, next, k, true, chunkFloats).dataSync() as Float32Array,
            k,
            (r) => r > 0,
          );
          expect(got).toHaveLength(rows);
          got.forEach((row, r) => {
            const want = reference(logits[r], next[r], k);
            row.top.forEach((t, i) => {
              expect(t.logit).toBeCloseTo(want.top[i].l, 4);
              expect(logits[r][t.id]).toBeCloseTo(t.logit, 4);
            });
            expect(row.nextLogprob === null).toBe(r === 0);
            if (r > 0) expect(row.nextLogprob).toBeCloseTo(want.nextLogprob, 4);
            expect(row.entropy).toBeCloseTo(want.entropy, 4);
            row.top.forEach((t) => expect(t.logprob).toBeCloseTo(t.logit - want.lse, 4));
          });
          tf.dispose([x, wU, ...blocks]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
