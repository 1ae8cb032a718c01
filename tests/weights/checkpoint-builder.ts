/**
 * Builds Hugging Face style GPT-2 checkpoints in memory for the converter's tests:
 * a safetensors encoder, and a random checkpoint of any config in F32, F16 or BF16.
 */
import type { GPT2Config } from '../../src/model/config';
import { fromHalfBits, toHalfBits } from '../../src/weights/fp16';
import { normalSampler } from '../../src/weights/random-weights';
import type { SafetensorsDtype } from '../../src/weights/safetensors';
import { expectedShapes } from '../../src/weights/weights-format';
import { createRng } from '../../src/sampling/rng';

export interface RawTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  values: ArrayLike<number>;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** bfloat16 bits of x, rounded to nearest even. */
function bf16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0];
  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The value a number takes once stored in `dtype`. */
export function storedValue(x: number, dtype: SafetensorsDtype): number {
  if (dtype === 'F32') return Math.fround(x);
  if (dtype === 'F16') return fromHalfBits(toHalfBits(x));
  u32[0] = bf16Bits(x) << 16;
  return f32[0];
}

export function encodeSafetensors(
  tensors: RawTensor[],
  metadata: Record<string, string> = { format: 'pt' },
): Uint8Array {
  const size = (t: RawTensor) => t.values.length * (t.dtype === 'F32' ? 4 : 2);
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size(t)] };
    offset += size(t);
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8); // like HF: data starts 8-byte aligned
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.values.length; i++) {
      if (t.dtype === 'F32') view.setFloat32(p + 4 * i, t.values[i], true);
      else view.setUint16(p + 2 * i, t.dtype === 'F16' ? toHalfBits(t.values[i]) : bf16Bits(t.values[i]), true);
    }
    p += size(t);
  }
  return out;
}

export interface CheckpointOptions {
  dtype?: SafetensorsDtype;
  /** Prefix every key with "transformer." as GPT2LMHeadModel does. */
  prefix?: boolean;
  /** Add lm_head.weight: a copy of wte, or different values. */
  lmHead?: 'tied' | 'untied';
  /** Add the attn.bias / attn.masked_bias buffers older checkpoints carry. */
  maskBuffers?: boolean;
  seed?: number;
}

export interface Checkpoint {
  configJson: Record<string, unknown>;
  bytes: Uint8Array;
  /** Each GPT-2 tensor's values as stored in the file (after the dtype's rounding). */
  values: Map<string, Float32Array>;
}

export const SMALL_CONFIG: GPT2Config = {
  n_layer: 2,
  n_head: 2,
  n_embd: 8,
  n_positions: 16,
  vocab_size: 37,
  layer_norm_epsilon: 1e-5,
};

/** A random GPT-2 checkpoint with values of unit scale, so float16 rounding is visible everywhere. */
export function makeCheckpoint(config: GPT2Config = SMALL_CONFIG, options: CheckpointOptions = {}): Checkpoint {
  const { dtype = 'F32', prefix = true, lmHead, maskBuffers = false, seed = 1 } = options;
  const normal = normalSampler(createRng(seed));
  const key = (name: string) => (prefix ? `transformer.${name}` : name);
  const tensors: RawTensor[] = [];
  const values = new Map<string, Float32Array>();
  for (const [name, shape] of expectedShapes(config)) {
    const v = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => storedValue(normal(), dtype));
    values.set(name, v);
    tensors.push({ name: key(name), dtype, shape, values: v });
    if (maskBuffers && name.endsWith('attn.c_attn.weight')) {
      const block = name.slice(0, -'c_attn.weight'.length);
      const n = config.n_positions;
      tensors.push({ name: key(`${block}bias`), dtype, shape: [1, 1, n, n], values: new Float32Array(n * n).fill(1) });
      tensors.push({ name: key(`${block}masked_bias`), dtype, shape: [], values: [-1e4] });
    }
  }
  if (lmHead) {
    const wte = values.get('wte.weight')!;
    const head = lmHead === 'tied' ? wte : wte.map((x) => x + 1);
    tensors.push({ name: 'lm_head.weight', dtype, shape: [config.vocab_size, config.n_embd], values: head });
  }
  const configJson = { model_type: 'gpt2', activation_function: 'gelu_new', n_inner: null, ...config };
  return { configJson, bytes: encodeSafetensors(tensors), values };
}
