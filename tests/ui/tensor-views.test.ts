import { describe, expect, it } from 'vitest';
import type { Tensor3 } from '../../src/model/types';
import { concatHeads, headSlice, l2norm, matrixColumn, matrixRow } from '../../src/ui/tensor-views';

// [2 heads, 3 tokens, 2 dims]: element (h, t, j) = 100 h + 10 t + j, so every value names its place.
const z: Tensor3 = {
  dims: [2, 3, 2],
  data: Float32Array.from({ length: 12 }, (_, i) => {
    const h = Math.floor(i / 6);
    const t = Math.floor((i % 6) / 2);
    return 100 * h + 10 * t + (i % 2);
  }),
};

describe('tensor views', () => {
  it('slices one head as a [T, d] matrix sharing memory with the tensor', () => {
    const m = headSlice(z, 1);
    expect([m.rows, m.cols]).toEqual([3, 2]);
    expect([...m.data]).toEqual([100, 101, 110, 111, 120, 121]);
    expect(m.data.buffer).toBe(z.data.buffer);
  });

  it('reads rows and columns', () => {
    const m = headSlice(z, 0);
    expect([...matrixRow(m, 2)]).toEqual([20, 21]);
    expect([...matrixColumn(m, 1)]).toEqual([1, 11, 21]);
  });

  it("concatenates heads like GPT-2's merge_heads: token t gets head 0's z, then head 1's", () => {
    const c = concatHeads(z);
    expect([c.rows, c.cols]).toEqual([3, 4]);
    expect([...matrixRow(c, 0)]).toEqual([0, 1, 100, 101]);
    expect([...matrixRow(c, 2)]).toEqual([20, 21, 120, 121]);
  });

  it('measures Euclidean length', () => {
    expect(l2norm([3, 4])).toBe(5);
    expect(l2norm([])).toBe(0);
  });
});
