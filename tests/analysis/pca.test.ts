import { describe, expect, it } from 'vitest';
import { pca2 } from '../../src/analysis/pca';

const dist = (a: number[], b: number[]) => Math.hypot(...a.map((x, i) => x - b[i]));

describe('pca2', () => {
  it('recovers points that already lie in a plane (up to rotation): distances are kept', () => {
    // Points in the x-y plane of 5-D space, then rotated by a fixed orthogonal map (swap and sign).
    const flat = [
      [0, 0],
      [3, 1],
      [-2, 4],
      [1, -5],
    ];
    const lifted = flat.map(([x, y]) => [0, y, 0, -x, 0]);
    const { points, explained } = pca2(lifted);
    for (let a = 0; a < flat.length; a++) {
      for (let b = 0; b < flat.length; b++) expect(dist(points[a], points[b])).toBeCloseTo(dist(flat[a], flat[b]), 6);
    }
    expect(explained[0] + explained[1]).toBeCloseTo(1, 9);
  });

  it('puts the direction of largest spread first', () => {
    const pts = [
      [-10, 1, 0],
      [10, -1, 0],
      [-5, -1, 0],
      [5, 1, 0],
    ];
    const { points, explained } = pca2(pts);
    expect(explained[0]).toBeGreaterThan(explained[1]);
    const spreadX = Math.max(...points.map((p) => Math.abs(p[0])));
    const spreadY = Math.max(...points.map((p) => Math.abs(p[1])));
    expect(spreadX).toBeGreaterThan(5 * spreadY);
    // Centred: the projections sum to zero.
    expect(points.reduce((s, p) => s + p[0], 0)).toBeCloseTo(0, 9);
  });

  it('matches the top eigenvalues of a known covariance', () => {
    // Variance 4 along e1, 1 along e2, 0 elsewhere: explained = 0.8 and 0.2.
    const pts = [
      [2, 0, 0],
      [-2, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
    ];
    const { explained } = pca2(pts);
    expect(explained[0]).toBeCloseTo(0.8, 9);
    expect(explained[1]).toBeCloseTo(0.2, 9);
  });

  it('handles one vector and identical vectors without NaN', () => {
    expect(pca2([[1, 2, 3]]).points).toEqual([[0, 0]]);
    const same = pca2([
      [1, 2],
      [1, 2],
    ]);
    expect(same.points.flat().every(Number.isFinite)).toBe(true);
    expect(same.explained).toEqual([0, 0]);
  });
});
