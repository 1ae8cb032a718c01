import { describe, expect, it } from 'vitest';
import { topTargets } from '../../src/analysis/top-targets';

describe('topTargets', () => {
  it('lists the heaviest partners first, skipping zeros, ties by position', () => {
    expect(topTargets([0.1, 0.4, 0, 0.4, 0.1], 3)).toEqual([
      { position: 1, weight: 0.4 },
      { position: 3, weight: 0.4 },
      { position: 0, weight: 0.1 },
    ]);
  });
});
