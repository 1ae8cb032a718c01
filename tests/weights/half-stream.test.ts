import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHalfBits } from '../../src/weights/fp16';
import { HalfStreamDecoder } from '../../src/weights/half-stream';

/** Little-endian float16 bytes of some values (all exactly representable). */
const halfBytes = (values: number[]) => new Uint8Array(new Uint16Array(values.map(toHalfBits)).buffer);

describe('HalfStreamDecoder', () => {
  it('fills tensors from pieces cut anywhere, even between the two bytes of a value', () => {
    const sizes = [3, 1, 4];
    const values = [1, -2, 0.5, 65504, 0.25, -0.125, 3, 2 ** -24];
    const bytes = halfBytes(values);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const decoder = new HalfStreamDecoder(sizes);
        for (let i = 1; i < points.length; i++) {
          expect(decoder.done).toBe(false);
          decoder.push(bytes.subarray(points[i - 1], points[i]));
        }
        expect(decoder.done).toBe(true);
        expect(decoder.outputs.map((o) => [...o])).toEqual([values.slice(0, 3), values.slice(3, 4), values.slice(4)]);
      }),
    );
  });

  it('allocates a tensor only when its data arrives', () => {
    const decoder = new HalfStreamDecoder([2, 1000]);
    decoder.push(halfBytes([1, 2]));
    expect(decoder.outputs.length).toBe(1);
    decoder.push(halfBytes([3]));
    expect(decoder.outputs.length).toBe(2);
  });

  it('refuses more data than the tensors hold', () => {
    const decoder = new HalfStreamDecoder([1]);
    expect(() => decoder.push(halfBytes([1, 2]))).toThrow(/more float16 data/);
  });
});
