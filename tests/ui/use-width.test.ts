import { describe, expect, it } from 'vitest';
import { nextWidth } from '../../src/ui/use-width';

describe('useWidth', () => {
  it('takes the measured width, rounded down, and keeps the last one when the element measures 0', () => {
    expect(nextWidth(321.7, 600)).toBe(321);
    expect(nextWidth(0, 321)).toBe(321);
  });
});
