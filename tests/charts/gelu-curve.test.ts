import { describe, expect, it } from 'vitest';
import { geluDomain, geluNew, geluPoints, geluSamples } from '../../src/charts/gelu-curve';

describe('geluNew', () => {
  it("matches Hugging Face's NewGELUActivation (float64 reference values)", () => {
    // Computed with transformers.activations.NewGELUActivation on float64 inputs.
    const reference: [number, number][] = [
      [-6, -8.43964897967453e-11],
      [-3, -0.0036373920817729943],
      [-1, -0.1588080093917233],
      [-0.5, -0.15428599017485606],
      [0, 0],
      [0.5, 0.34571400982514394],
      [1, 0.8411919906082768],
      [3, 2.996362607918227],
      [10, 10],
    ];
    for (const [x, y] of reference) expect(geluNew(x)).toBeCloseTo(y, 12);
  });
});

describe('gelu points and domain', () => {
  it('pairs pre and post by neuron index', () => {
    const pts = geluPoints(new Float32Array([1, -2, 3]), new Float32Array([0.8, -0.05, 3]));
    expect(pts).toEqual([
      { index: 0, pre: 1, post: expect.closeTo(0.8, 6) },
      { index: 1, pre: -2, post: expect.closeTo(-0.05, 6) },
      { index: 2, pre: 3, post: 3 },
    ]);
  });

  it('covers the data and at least the bend of the curve', () => {
    expect(geluDomain(geluPoints([0.1, 0.2], [0, 0]))).toEqual([-4, 2]);
    expect(geluDomain(geluPoints([-9, 7.5], [0, 7.5]))).toEqual([-9, 7.5]);
  });

  it('samples the curve evenly from end to end', () => {
    const s = geluSamples([-4, 4], 8);
    expect(s).toHaveLength(9);
    expect(s[0][0]).toBe(-4);
    expect(s[8][0]).toBe(4);
    expect(s[4]).toEqual([0, 0]);
  });
});
