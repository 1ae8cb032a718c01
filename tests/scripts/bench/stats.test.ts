import { describe, expect, it } from 'vitest';
import { argmax, maxAbsDiff, summarize } from '../../../scripts/bench/stats';

describe('summarize', () => {
  it('gives the middle value of an odd count, with quartiles, min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, q1: 2, q3: 4, min: 1, max: 5, runs: 3 });
  });
  it('averages the middle two of an even count, and interpolates the quartiles', () => {
    expect(summarize([4, 1, 3, 10])).toEqual({ median: 3.5, q1: 2.5, q3: 5.5, min: 1, max: 10, runs: 4 });
  });
  it('refuses no samples', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('maxAbsDiff and argmax', () => {
  it('finds the largest absolute difference', () => {
    expect(maxAbsDiff([1, -2, 3], [1.5, 2, 3])).toBe(4);
  });
  it('refuses arrays of different lengths', () => {
    expect(() => maxAbsDiff([1], [1, 2])).toThrow(/cannot compare/);
  });
  it('returns the first index of the largest value', () => {
    expect(argmax(new Float32Array([0, 3, -1, 3]))).toBe(1);
  });
});
