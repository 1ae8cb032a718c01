import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { meanCosine, measureAnalogy, rankOf } from '../../src/analysis/analogy';
import { cosine, nearest, rowNorms, rowOf } from '../../src/analysis/vectors';
import strings from '../../src/panels/embedding-explorer/strings';
import { dirSource } from '../../src/node/node-source';
import { loadWeights } from '../../src/weights/weights';
import type { Matrix } from '../../src/model/types';
import { encode } from '../../src/tokenizer';

const matrix = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

describe('rankOf', () => {
  it('ranks rows by cosine, skipping excluded and all-zero rows', () => {
    const m = matrix([
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0, 0],
      [-1, 0],
    ]);
    const norms = rowNorms(m);
    expect(rankOf(m, norms, [1, 0], 0)).toEqual({ rank: 1, cosine: 1, of: 4 });
    expect(rankOf(m, norms, [1, 0], 4).rank).toBe(4);
    expect(rankOf(m, norms, [1, 0], 4, new Set([0])).rank).toBe(3);
    expect(() => rankOf(m, norms, [1, 0], 0, new Set([0]))).toThrow(/excluded/);
  });

  it('agrees with the order nearest() lists, ties included', () => {
    const row = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 12 }), row, (rows, v) => {
        fc.pre(v.some((x) => x !== 0));
        const m = matrix(rows);
        const norms = rowNorms(m);
        const order = nearest(m, norms, v, m.rows);
        order.forEach((n, i) => expect(rankOf(m, norms, v, n.id).rank).toBe(i + 1));
      }),
    );
  });
});

describe('meanCosine', () => {
  it('equals the average over all pairs of different rows', () => {
    const m = matrix([
      [1, 0],
      [1, 1],
      [0, 0],
      [-2, 1],
    ]);
    const live = [0, 1, 3];
    let sum = 0;
    let pairs = 0;
    for (const i of live) for (const j of live) if (i !== j) ((sum += cosine(rowOf(m, i), rowOf(m, j))), pairs++);
    // Row norms are float32, so agreement to about 7 digits.
    expect(meanCosine(m, rowNorms(m))).toBeCloseTo(sum / pairs, 6);
  });
});

describe('the bundled model (gpt2-mini-circuits), as its model card and the explorer describe it', () => {
  let m: Matrix;
  let norms: Float32Array;
  const id = (w: string) => encode(w)[0].id;
  beforeAll(async () => {
    const wte = (await loadWeights(dirSource('weights/gpt2-mini-circuits'))).tensors.get('wte.weight')!;
    m = { rows: wte.shape[0], cols: wte.shape[1], data: wte.data };
    norms = rowNorms(m);
  });

  it('" king" − " man" + " woman": " queen" has the rank and cosine the model card records, and is not first', () => {
    const r = measureAnalogy(m, norms, { a: id(' king'), b: id(' man'), c: id(' woman'), expected: id(' queen') });
    const card = readFileSync('weights/gpt2-mini-circuits/MODEL_CARD.md', 'utf8');
    const row = card.split('\n').find((l) => l.startsWith('| `␣king` − `␣man` + `␣woman` |'));
    expect(row, 'the king row of the analogy table').toBeDefined();
    const [, , , rank, of, cos] = row!.split('|').map((c) => c.trim().replace(/,/g, ''));
    expect([r.rank, r.of, r.cosine.toFixed(3)]).toEqual([Number(rank), Number(of), cos]);
    expect(r.rank).toBeGreaterThan(1);
    // With the inputs kept, the sum is nearest to one of them: the reason the explorer leaves them out.
    expect([id(' king'), id(' man'), id(' woman')]).toContain(r.nearestWithInputs.id);
  });

  it('two different rows have the average cosine the explorer quotes, in both languages', () => {
    const quoted = meanCosine(m, norms).toFixed(2);
    expect(strings.en['explorer.explain']).toContain(`about ${quoted}`);
    expect(strings['zh-CN']['explorer.explain']).toContain(`约 ${quoted}`);
  });
});
