import { describe, expect, it } from 'vitest';
import { formatShape, formatValue } from '../../src/ui/hover-info';

describe('formatValue', () => {
  it('shows four significant digits, tiny values in exponent form, and the mask as −∞', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(-12.3456)).toBe('-12.35');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(0.0000123)).toBe('1.23e-5');
    expect(formatValue(-Infinity)).toBe('−∞');
    expect(formatValue(1)).toBe('1');
  });

  it('writes shapes as in the explanations', () => {
    expect(formatShape([12, 7, 64])).toBe('[12, 7, 64]');
  });
});
