import { describe, expect, it } from 'vitest';
import { contextUsage, fitToContext } from '../../src/tokenizer';

describe('contextUsage', () => {
  it('reports tokens against the limit', () => {
    expect(contextUsage(10, 1024)).toEqual({ tokens: 10, limit: 1024, fits: true, overflow: 0 });
    expect(contextUsage(1024, 1024).fits).toBe(true);
    expect(contextUsage(1030, 1024)).toEqual({ tokens: 1030, limit: 1024, fits: false, overflow: 6 });
  });
});

describe('fitToContext', () => {
  it('keeps the last n', () => {
    expect(fitToContext([1, 2, 3, 4, 5], 3)).toEqual([3, 4, 5]);
    expect(fitToContext([1, 2], 3)).toEqual([1, 2]);
    expect(fitToContext([1, 2], 0)).toEqual([]);
  });

  it('rejects a size that is not a whole number >= 0', () => {
    expect(() => fitToContext([1], -1)).toThrow(/whole number/);
    expect(() => fitToContext([1], 1.5)).toThrow(/whole number/);
  });
});
