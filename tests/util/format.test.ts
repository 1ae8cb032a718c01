import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPercent } from '../../src/util/format';

describe('formatting', () => {
  it('writes bytes, counts and percentages for people', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(6_649_472)).toBe('6.6 MB');
    expect(formatCount(38597376)).toBe('38,597,376');
    expect(formatPercent(0.5)).toBe('50.0%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(3.3e-6)).toBe('3.3e-4%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('groups whole numbers by thousands as en-US does, rounding the rest', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 124_439_808, -1_234_567, 40_000_000_000])
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(1406.2)).toBe('1,406');
    expect(formatCount(-0.2)).toBe('0');
    expect(formatCount(-0.5)).toBe('0');
    expect(formatCount(-1.5)).toBe('-1');
    expect(formatCount(NaN)).toBe('NaN');
  });
});
