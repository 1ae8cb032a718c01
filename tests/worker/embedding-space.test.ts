import { describe, expect, it } from 'vitest';
import { cosine } from '../../src/analysis/vectors';
import type { Matrix } from '../../src/model/types';
import { createEmbeddingSpace } from '../../src/worker/embedding-space';

const wte: Matrix = { rows: 4, cols: 2, data: Float32Array.from([1, 0, 0, 1, 1, 1, -1, 0.5]) };

describe('createEmbeddingSpace', () => {
  it('returns copies of the rows, in the order asked', () => {
    const space = createEmbeddingSpace(wte);
    const rows = space.rows([2, 0]);
    expect(rows).toMatchObject({ rows: 2, cols: 2 });
    expect(Array.from(rows.data)).toEqual([1, 1, 1, 0]);
    // A copy: its buffer is not W_E's, so transferring it leaves W_E in the worker.
    expect(rows.data.buffer).not.toBe(wte.data.buffer);
  });

  it('finds the nearest rows by cosine, leaving out the excluded ids', () => {
    const space = createEmbeddingSpace(wte);
    const got = space.nearest(Float32Array.from([1, 0.2]), 2, [0]);
    expect(got.map((n) => n.id)).toEqual([2, 1]);
    expect(got[0].cosine).toBeCloseTo(cosine([1, 1], [1, 0.2]), 6);
  });

  it('refuses ids outside the vocabulary and silly k with one-line messages', () => {
    const space = createEmbeddingSpace(wte);
    expect(() => space.rows([4])).toThrow(/token id 4 is not in the vocabulary \(0\.\.3\)/);
    expect(() => space.rows([])).toThrow(/no token ids/);
    expect(() => space.nearest(Float32Array.from([1, 0]), 0, [])).toThrow(/k must be/);
  });
});
