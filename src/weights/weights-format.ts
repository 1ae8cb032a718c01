/**
 * Our weights format (see FORMAT.md): a TF.js weights manifest with float16-quantized
 * float32 weights, plus the model's config and each shard's length and SHA-256.
 * Shared by the converter (which writes it) and the loader (which reads and checks it).
 */
import { mlpDim, type GPT2Config } from '../model/config';
import { sha256 } from './sha256';
import { weightNames } from '../model/types';

export const FORMAT_NAME = 'forward-pass-gpt2';
export const FORMAT_VERSION = 1;
/** TF.js's own shard size: 4 MiB. */
export const SHARD_BYTES = 4 * 1024 * 1024;
export const BYTES_PER_HALF = 2;

/** The config as stored in model.json: GPT2Config plus what the model is and a name to show. */
export interface StoredConfig extends GPT2Config {
  model_type: 'gpt2';
  name: string;
}

/** One entry of a TF.js weights manifest group, as TF.js writes float16-quantized weights. */
export interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization: { dtype: 'float16' };
}

export interface ManifestGroup {
  paths: string[];
  weights: ManifestWeight[];
}

export interface ShardInfo {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ModelJson {
  format: typeof FORMAT_NAME;
  formatVersion: number;
  config: StoredConfig;
  weightsManifest: ManifestGroup[];
  /** Every shard of every group, in manifest order, with its byte length and SHA-256 (hex). */
  shards: ShardInfo[];
}

/** Every tensor a GPT-2 needs, in storage order, with its shape. HF Conv1D weights are [in, out]. */
export function expectedShapes(c: GPT2Config): Map<string, number[]> {
  const d = c.n_embd;
  const shapes = new Map<string, number[]>([
    [weightNames.wte, [c.vocab_size, d]],
    [weightNames.wpe, [c.n_positions, d]],
  ]);
  for (let l = 0; l < c.n_layer; l++) {
    const b = weightNames.block(l);
    shapes.set(b.ln1W, [d]).set(b.ln1B, [d]);
    shapes.set(b.qkvW, [d, 3 * d]).set(b.qkvB, [3 * d]);
    shapes.set(b.projW, [d, d]).set(b.projB, [d]);
    shapes.set(b.ln2W, [d]).set(b.ln2B, [d]);
    shapes.set(b.fcW, [d, mlpDim(c)]).set(b.fcB, [mlpDim(c)]);
    shapes.set(b.fcProjW, [mlpDim(c), d]).set(b.fcProjB, [d]);
  }
  shapes.set(weightNames.lnfW, [d]).set(weightNames.lnfB, [d]);
  return shapes;
}

/** TF.js's shard file name: group1-shard3of12.bin. */
export const shardName = (group: number, shard: number, count: number): string =>
  `group${group}-shard${shard}of${count}.bin`;

export const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

export const formatShape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * Lowercase hex SHA-256 of some bytes: Web Crypto where the page has it (Node 20, workers
 * and pages in a secure context), plain JavaScript where it does not (plain HTTP, not localhost).
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // Our bytes never live in a SharedArrayBuffer, which is all the narrower type excludes.
  const digest = subtle
    ? new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
    : sha256(bytes);
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
