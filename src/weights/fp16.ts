/**
 * IEEE 754 half precision (binary16) <-> single precision (binary32).
 *
 * Narrowing works on the float32 bit pattern and rounds to nearest, ties to even,
 * exactly as a hardware conversion would: subnormal halves, overflow to Infinity,
 * NaN stays NaN, the sign of zero is kept. Widening is exact (every half is a float).
 */

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** The binary16 bit pattern nearest to the float32 with bit pattern `bits`. */
function halfBitsFromFloatBits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;

  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0); // Inf, or a quiet NaN
  const e = exp - 127 + 15; // exponent re-biased for binary16
  if (e >= 31) return sign | 0x7c00; // too large even before rounding

  if (e <= 0) {
    // Subnormal half (or zero): value = m * 2^-24 with m = significand >> (14 - e).
    if (e < -10) return sign; // below half of the smallest subnormal: rounds to zero
    const significand = mant | 0x800000;
    const shift = 14 - e; // 14..24
    const m = significand >>> shift;
    const rest = significand & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    const up = rest > halfway || (rest === halfway && (m & 1) === 1);
    return sign | (m + (up ? 1 : 0)); // m + 1 may reach 0x400: the smallest normal, correctly encoded
  }

  const h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  const up = rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1);
  // A carry out of the mantissa bumps the exponent, and 0x7bff + 1 is Infinity: both correct.
  return sign | (h + (up ? 1 : 0));
}

/** The binary16 bit pattern nearest to `x` (first rounded to float32, as the weights are). */
export function toHalfBits(x: number): number {
  scratchF32[0] = x;
  return halfBitsFromFloatBits(scratchU32[0]);
}

/** The exact value of a binary16 bit pattern. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24; // zero or subnormal
  if (exp === 31) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

let widenTable: Float32Array | null = null;

/** All 65,536 halves as floats (256 KB), built on first use: widening becomes one lookup. */
function table(): Float32Array {
  if (!widenTable) {
    widenTable = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) widenTable[h] = fromHalfBits(h);
  }
  return widenTable;
}

/** Narrows float32 values to half bit patterns, written to `out` (allocated if absent). */
export function float32ToFloat16(src: Float32Array, out: Uint16Array = new Uint16Array(src.length)): Uint16Array {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBitsFromFloatBits(bits[i]);
  return out;
}

/**
 * Widens little-endian half values stored in `bytes` (2 per value, any alignment)
 * into `out`, starting at out[outOffset]. Returns the number of values written.
 */
export function widenHalfBytes(bytes: Uint8Array, out: Float32Array, outOffset = 0): number {
  const t = table();
  const n = bytes.length >>> 1;
  for (let i = 0, j = 0; i < n; i++, j += 2) out[outOffset + i] = t[bytes[j] | (bytes[j + 1] << 8)];
  return n;
}

/** Widens half bit patterns to float32 values. */
export function float16ToFloat32(src: Uint16Array, out: Float32Array = new Float32Array(src.length)): Float32Array {
  const t = table();
  for (let i = 0; i < src.length; i++) out[i] = t[src[i]];
  return out;
}
