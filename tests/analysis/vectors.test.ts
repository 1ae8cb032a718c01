import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cosine, dot, nearest, norm, rowNorms, rowOf, signedSum } from '../../src/analysis/vectors';
import type { Matrix } from '../../src/model/types';

const matrix = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

describe('dot, norm, cosine', () => {
  it('computes them on small vectors', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
    expect(cosine([1, 0], [0, 2])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [-3, 0])).toBeCloseTo(-1, 12);
    expect(cosine([0, 0], [1, 2])).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => dot([1], [1, 2])).toThrow(/differ in length/);
  });

  it('gives -1 for opposite vectors whose squares underflow (found by the property below)', () => {
    expect(cosine([0, 0, 1.9029900427530967e-163], [0, 0, -1.5717277847026288e-162])).toBeCloseTo(-1, 12);
    expect(cosine([0, 1e200], [0, 3e200])).toBeCloseTo(1, 12);
  });

  it('keeps cosine in [-1, 1] and ignores scale', () => {
    // Embeddings are float32: draw float32 values (in double arithmetic, scaling them by 0.1
    // cannot underflow a non-zero vector to zero, as it can a double subnormal).
    const vec = fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(vec, vec, fc.double({ min: 0.1, max: 10, noNaN: true }), (a, b, s) => {
        const c = cosine(a, b);
        expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-9);
        expect(
          cosine(
            a.map((x) => x * s),
            b,
          ),
        ).toBeCloseTo(c, 9);
      }),
    );
  });
});

describe('nearest', () => {
  const m = matrix([
    [1, 0],
    [0, 1],
    [1, 1],
    [-1, 0],
    [0, 0],
  ]);
  const norms = rowNorms(m);

  it('ranks rows by cosine, best first, and skips zero rows', () => {
    const got = nearest(m, norms, [1, 0.1], 5);
    expect(got.map((n) => n.id)).toEqual([0, 2, 1, 3]);
    expect(got[0].cosine).toBeCloseTo(cosine([1, 0], [1, 0.1]), 6);
  });

  it('excludes the given ids and keeps k', () => {
    expect(nearest(m, norms, [1, 0.1], 2, new Set([0])).map((n) => n.id)).toEqual([2, 1]);
  });

  it('finds a row itself first', () => {
    expect(nearest(m, norms, rowOf(m, 2), 1)[0]).toEqual({ id: 2, cosine: expect.closeTo(1, 6) });
  });

  it('returns nothing for the zero vector', () => {
    expect(nearest(m, norms, [0, 0], 3)).toEqual([]);
  });
});

describe('signedSum', () => {
  it('adds and subtracts', () => {
    expect(
      Array.from(
        signedSum([
          { sign: 1, vector: [1, 2] },
          { sign: -1, vector: [3, 1] },
          { sign: 1, vector: [0, 5] },
        ]),
      ),
    ).toEqual([-2, 6]);
  });
});
