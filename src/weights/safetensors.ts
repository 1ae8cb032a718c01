/**
 * Reads the safetensors format (Hugging Face): an 8-byte little-endian header length N,
 * N bytes of JSON {name: {dtype, shape, data_offsets: [start, end]}, __metadata__?},
 * then the raw little-endian tensor data, offsets relative to the end of the header.
 * Tensors are returned as views into the file's bytes: nothing is copied.
 */
import { widenHalfBytes } from './fp16';

export type SafetensorsDtype = 'F32' | 'F16' | 'BF16';

const BYTES_PER_ELEMENT: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2 };

export interface SafetensorsTensor {
  dtype: SafetensorsDtype;
  shape: number[];
  /** The tensor's raw bytes, a view into the file. */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsTensor>;
  metadata: Record<string, string>;
}

export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function parseSafetensors(file: Uint8Array): SafetensorsFile {
  if (file.length < 8) throw new SafetensorsError(`not a safetensors file: only ${file.length} bytes`);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen < 2 || 8 + headerLen > file.length) {
    throw new SafetensorsError(
      `not a safetensors file: header length ${headerLen} does not fit in ${file.length} bytes`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(8, 8 + headerLen)));
  } catch {
    throw new SafetensorsError('not a safetensors file: the header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('not a safetensors file: the header is not a JSON object');
  }

  const data = file.subarray(8 + headerLen);
  const tensors = new Map<string, SafetensorsTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    tensors.set(name, parseEntry(name, entry, data));
  }
  return { tensors, metadata };
}

function parseEntry(name: string, entry: unknown, data: Uint8Array): SafetensorsTensor {
  const e = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const dtype = e.dtype as SafetensorsDtype;
  if (!(typeof dtype === 'string' && dtype in BYTES_PER_ELEMENT)) {
    throw new SafetensorsError(`tensor ${name} has dtype ${String(e.dtype)}; only F32, F16 and BF16 are supported`);
  }
  const shape = e.shape;
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw new SafetensorsError(`tensor ${name} has an invalid shape`);
  }
  const offsets = e.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw new SafetensorsError(`tensor ${name} has invalid data_offsets`);
  }
  const [start, end] = offsets as [number, number];
  const expected = shape.reduce((a: number, b: number) => a * b, 1) * BYTES_PER_ELEMENT[dtype];
  if (end - start !== expected) {
    throw new SafetensorsError(
      `tensor ${name}: data_offsets span ${end - start} bytes, shape [${shape}] needs ${expected}`,
    );
  }
  if (end > data.length) {
    throw new SafetensorsError(
      `tensor ${name} ends at byte ${end}, past the end of the data (${data.length}): file truncated?`,
    );
  }
  return { dtype, shape: shape as number[], bytes: data.subarray(start, end) };
}

/** Number of values in a tensor of this shape. */
export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The tensor's values as float32. F32 data is returned as a view when it is 4-byte aligned
 * (safetensors pads its header so it usually is), otherwise copied; F16 and BF16 are widened exactly.
 */
export function tensorToFloat32(t: SafetensorsTensor): Float32Array {
  const n = elementCount(t.shape);
  if (t.dtype === 'F32') {
    if (t.bytes.byteOffset % 4 === 0) return new Float32Array(t.bytes.buffer, t.bytes.byteOffset, n);
    return new Float32Array(t.bytes.slice().buffer, 0, n);
  }
  const out = new Float32Array(n);
  if (t.dtype === 'F16') {
    widenHalfBytes(t.bytes, out);
    return out;
  }
  // bfloat16 is the top half of a float32's bits.
  const bits = new Uint32Array(out.buffer);
  for (let i = 0, j = 0; i < n; i++, j += 2) bits[i] = ((t.bytes[j] | (t.bytes[j + 1] << 8)) << 16) >>> 0;
  return out;
}
