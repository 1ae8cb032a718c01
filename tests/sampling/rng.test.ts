import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/sampling';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const sa = Array.from({ length: 10 }, a);
    expect(Array.from({ length: 10 }, b)).toEqual(sa);
    expect(Array.from({ length: 10 }, c)).not.toEqual(sa);
  });

  it('stays in [0, 1) and looks uniform', () => {
    const rng = createRng(0);
    let total = 0;
    for (let i = 0; i < 10000; i++) {
      const x = rng();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      total += x;
    }
    expect(total / 10000).toBeCloseTo(0.5, 1);
  });

  it('rejects a seed that is not a whole number', () => {
    expect(() => createRng(1.5)).toThrow(/whole number/);
    expect(() => createRng(NaN)).toThrow(/whole number/);
  });
});
