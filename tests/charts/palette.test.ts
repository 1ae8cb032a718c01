import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import {
  HEAD_COLORS,
  HEAD_COLORS_DARK,
  divergingScale,
  headColor,
  probabilityScale,
  symmetricExtent,
} from '../../src/charts/palette';

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

  it('dark theme: the same hues in the same order, light enough to see on the dark background, still distinct', () => {
    expect(HEAD_COLORS_DARK).toHaveLength(HEAD_COLORS.length);
    const darkBackground = '#15171b';
    HEAD_COLORS_DARK.forEach((c, h) => {
      expect(headColor(h, 'dark')).toBe(c);
      expect(headColor(h, 'light')).toBe(HEAD_COLORS[h]);
      // Head 0's indigo (#332288) is barely lighter than the background; every dark-theme colour is 30+ lighter.
      expect(lightness(c) - lightness(darkBackground)).toBeGreaterThan(30);
      const a = d3.hcl(HEAD_COLORS[h]);
      const b = d3.hcl(c);
      if (a.c > 10) expect(Math.abs(((a.h - b.h + 540) % 360) - 180)).toBeLessThan(20);
    });
    expect(lightness(headColor(0, 'dark')) - lightness(darkBackground)).toBeGreaterThan(
      lightness(headColor(0)) - lightness(darkBackground) + 30,
    );
    for (let i = 0; i < HEAD_COLORS_DARK.length; i++)
      for (let j = i + 1; j < HEAD_COLORS_DARK.length; j++) {
        const [p, q] = [d3.lab(HEAD_COLORS_DARK[i]), d3.lab(HEAD_COLORS_DARK[j])];
        expect(Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b), `heads ${i} and ${j}`).toBeGreaterThan(10);
      }
    expect(headColor(12, 'dark')).toBe(HEAD_COLORS_DARK[0]);
  });
});
