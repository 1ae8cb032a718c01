import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float16ToFloat32, float32ToFloat16, fromHalfBits, toHalfBits, widenHalfBytes } from '../../src/weights/fp16';

const half = (x: number) => fromHalfBits(toHalfBits(x));

describe('float32 -> float16 rounding', () => {
  it.each([
    [1, 1],
    [65504, 65504], // largest half
    [65520, Infinity], // halfway to 2^16: ties to even rounds up to Infinity
    [65519.99, 65504],
    [2 ** -24, 2 ** -24], // smallest subnormal
    [2 ** -25, 0], // halfway between 0 and 2^-24: ties to even gives 0
    [3 * 2 ** -25, 2 ** -23], // halfway between 2^-24 and 2^-23: ties to even gives 2^-23
    [1 + 2 ** -11, 1], // halfway between 1 and 1 + 2^-10: ties to even gives 1
    [1 + 3 * 2 ** -11, 1 + 2 ** -9], // halfway between 1 + 2^-10 and 1 + 2^-9: rounds to even 1 + 2^-9
    [1 + 2 ** -11 + 2 ** -20, 1 + 2 ** -10], // just above halfway rounds up
    [2 ** -14, 2 ** -14], // smallest normal
    [2 ** -14 - 2 ** -25, 2 ** -14], // largest subnormal + half an ulp: rounds up into the normals
    [1e-10, 0],
    [1e6, Infinity],
    [-Infinity, -Infinity],
    [-2.5, -2.5],
    [0.1, 0.0999755859375],
  ])('%s -> %s', (x, expected) => {
    expect(half(x)).toBe(expected);
  });

  it('keeps NaN and the sign of zero', () => {
    expect(Number.isNaN(half(NaN))).toBe(true);
    expect(toHalfBits(NaN) & 0x7c00).toBe(0x7c00);
    expect(Object.is(half(-0), -0)).toBe(true);
    expect(toHalfBits(-0)).toBe(0x8000);
    expect(Object.is(half(-1e-10), -0)).toBe(true);
  });

  it('gives known bit patterns', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(2 ** -24)).toBe(0x0001);
    expect(toHalfBits(Infinity)).toBe(0x7c00);
  });

  it('picks the nearest half, ties to even, for any float32', () => {
    // Reference: positive finite halves 0x0000..0x7bff increase with their bit pattern,
    // so binary-search the two that bracket |x| and take the nearer (the even one on a tie).
    const reference = (x: number): number => {
      const a = Math.abs(x);
      if (a >= 65520) return x > 0 ? Infinity : -Infinity;
      let lo = 0;
      let hi = 0x7bff;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (fromHalfBits(mid) <= a) lo = mid;
        else hi = mid - 1;
      }
      const below = fromHalfBits(lo);
      const above = lo === 0x7bff ? 65536 : fromHalfBits(lo + 1);
      const pick = a - below < above - a || (a - below === above - a && lo % 2 === 0) ? lo : lo + 1;
      const value = pick > 0x7bff ? Infinity : fromHalfBits(pick);
      return x < 0 || Object.is(x, -0) ? -value : value;
    };
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (x) => Object.is(half(x), reference(x))),
      { numRuns: 20000 },
    );
  });
});

describe('float16 -> float32 widening', () => {
  it('is exact and round-trips every half', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const wide = float16ToFloat32(all);
    const back = float32ToFloat16(wide);
    const wrong: number[] = [];
    for (let h = 0; h < 65536; h++) {
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaN ? !Number.isNaN(wide[h]) : back[h] !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
    expect(wide[0x0001]).toBe(2 ** -24);
    expect(wide[0x3555]).toBe(0.333251953125);
  });

  it('reads little-endian bytes at any alignment', () => {
    const bytes = new Uint8Array([0xff, 0x00, 0x3c, 0x00, 0xc0]); // 1.0 and -2.0 starting at byte 1
    const out = new Float32Array(3);
    expect(widenHalfBytes(bytes.subarray(1), out, 1)).toBe(2);
    expect([...out]).toEqual([0, 1, -2]);
  });
});
