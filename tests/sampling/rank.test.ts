import { describe, expect, it } from 'vitest';
import { createRng, rankByProbability, topIds, topTokens } from '../../src/sampling';

describe('rankByProbability', () => {
  it('orders by probability, ties by id, and drops zeros', () => {
    expect(rankByProbability([0.2, 0, 0.4, 0.2, 0.2])).toEqual([2, 0, 3, 4]);
  });
});

describe('topTokens', () => {
  it('gives the n most likely with their probabilities', () => {
    expect(topTokens([0.1, 0.6, 0.3], 2)).toEqual([
      { id: 1, prob: 0.6 },
      { id: 2, prob: 0.3 },
    ]);
    expect(topTokens([0.1, 0.6, 0.3], 0)).toEqual([]);
  });
});

describe('topIds', () => {
  it('equals a full sort cut to n, ties by id, on values with many ties', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 5000 }, () => Math.floor(rng() * 40) / 4);
    const sorted = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    for (const n of [1, 5, 30]) expect(topIds(values, n)).toEqual(sorted.slice(0, n));
  });

  it('skips what keep refuses and gives fewer than n when fewer pass', () => {
    expect(topIds([0, 3, 0, 1], 3, (v) => v > 0)).toEqual([1, 3]);
    expect(topIds([2, 1], 0)).toEqual([]);
  });
});
