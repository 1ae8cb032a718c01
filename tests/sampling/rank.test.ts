import { describe, expect, it } from 'vitest';
import { rankByProbability, topTokens } from '../../src/sampling';

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
