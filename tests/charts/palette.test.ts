import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { HEAD_COLORS, divergingScale, headColor, probabilityScale, symmetricExtent } from '../../src/charts/palette';

const lightness = (c: string) => d3.lab(c).l;

describe('palette', () => {
  it('finds the largest finite magnitude, ignoring the mask’s -Infinity', () => {
    expect(symmetricExtent([0.5, -2, 1, -Infinity, NaN])).toBe(2);
    expect(symmetricExtent([0, 0])).toBeGreaterThan(0);
  });

  it('diverging scales are near-white at zero, symmetric in lightness, different hues at the ends', () => {
    for (const kind of ['weight', 'activation'] as const) {
      const s = divergingScale(kind, 3);
      expect(lightness(s(0))).toBeGreaterThan(85);
      expect(Math.abs(lightness(s(-3)) - lightness(s(3)))).toBeLessThan(15);
      expect(Math.abs(lightness(s(-1.5)) - lightness(s(1.5)))).toBeLessThan(15);
      expect(s(-3)).not.toBe(s(3));
      // Clamped: beyond the extent stays at the end colour.
      expect(s(10)).toBe(s(3));
    }
  });

  it('weights: purple for negative, orange for positive (as the legend says)', () => {
    const s = divergingScale('weight', 1);
    const neg = d3.rgb(s(-1));
    const pos = d3.rgb(s(1));
    expect(neg.b).toBeGreaterThan(neg.g);
    expect(pos.r).toBeGreaterThan(pos.b);
  });

  it('probabilities get darker-to-lighter cividis from 0 to 1', () => {
    const s = probabilityScale();
    expect(lightness(s(1))).toBeGreaterThan(lightness(s(0)) + 50);
  });

  it('gives every head of GPT-2 small its own colour and wraps beyond', () => {
    const twelve = Array.from({ length: 12 }, (_, h) => headColor(h));
    expect(new Set(twelve).size).toBe(12);
    expect(headColor(12)).toBe(HEAD_COLORS[0]);
    expect(headColor(-1)).toBe(HEAD_COLORS[HEAD_COLORS.length - 1]);
  });
});
