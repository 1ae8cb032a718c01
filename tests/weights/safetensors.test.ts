import { describe, expect, it } from 'vitest';
import { parseSafetensors, tensorToFloat32 } from '../../src/weights/safetensors';
import { encodeSafetensors } from './checkpoint-builder';

describe('parseSafetensors', () => {
  it('reads names, dtypes, shapes and values of F32, F16 and BF16 tensors', () => {
    const file = encodeSafetensors([
      { name: 'a', dtype: 'F32', shape: [2, 2], values: [1, -2.5, 3e-8, 65504] },
      { name: 'b', dtype: 'F16', shape: [3], values: [1, -2, 0.5] },
      { name: 'c', dtype: 'BF16', shape: [2], values: [1.5, -256] },
    ]);
    const { tensors, metadata } = parseSafetensors(file);
    expect(metadata).toEqual({ format: 'pt' });
    expect([...tensors.keys()]).toEqual(['a', 'b', 'c']);
    expect(tensors.get('a')!.shape).toEqual([2, 2]);
    expect([...tensorToFloat32(tensors.get('a')!)]).toEqual([1, -2.5, Math.fround(3e-8), 65504]);
    expect([...tensorToFloat32(tensors.get('b')!)]).toEqual([1, -2, 0.5]);
    expect([...tensorToFloat32(tensors.get('c')!)]).toEqual([1.5, -256]);
  });

  it('returns F32 data as a view when aligned and a copy when not', () => {
    const file = encodeSafetensors([{ name: 'a', dtype: 'F32', shape: [2], values: [7, 8] }]);
    const aligned = tensorToFloat32(parseSafetensors(file).tensors.get('a')!);
    expect(aligned.buffer).toBe(file.buffer);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const copy = tensorToFloat32(parseSafetensors(shifted.subarray(1)).tensors.get('a')!);
    expect([...copy]).toEqual([7, 8]);
  });

  it.each([
    ['too short', new Uint8Array(4), /only 4 bytes/],
    ['header longer than the file', new Uint8Array([255, 0, 0, 0, 0, 0, 0, 0, 123, 125]), /does not fit/],
    ['not JSON', new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0, 60, 104]), /not valid JSON/],
  ])('rejects a file that is %s', (_what, bytes, message) => {
    expect(() => parseSafetensors(bytes)).toThrow(message);
  });

  it('rejects unsupported dtypes, bad offsets and truncated data', () => {
    const withHeader = (header: object, dataBytes: number) => {
      const json = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(8 + json.length + dataBytes);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      return out;
    };
    expect(() => parseSafetensors(withHeader({ x: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8))).toThrow(
      /dtype I64/,
    );
    expect(() => parseSafetensors(withHeader({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 8))).toThrow(
      /needs 8/,
    );
    expect(() => parseSafetensors(withHeader({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4))).toThrow(
      /truncated/,
    );
  });
});
