/**
 * Writes a GPT-2's tensors into our format (see FORMAT.md): all tensors as float16,
 * back to back in one buffer, cut into 4 MiB shards like TF.js, with a model.json
 * that carries the config and each shard's length and SHA-256.
 * The shards are views into that one buffer: packing GPT-2 small holds its 250 MB once.
 */
import type { GPT2Config } from '../model/config';
import { elementCount } from './safetensors';
import {
  expectedShapes,
  FORMAT_NAME,
  FORMAT_VERSION,
  sha256Hex,
  SHARD_BYTES,
  shardName,
  type ManifestWeight,
  type ModelJson,
} from './weights-format';

export interface PackedShard {
  path: string;
  bytes: Uint8Array;
}

export interface PackedWeights {
  modelJson: ModelJson;
  shards: PackedShard[];
  /** Number of parameters stored. */
  parameters: number;
}

/** Writes the float16 bit patterns of tensor `name` (of the given shape) into `out`. */
export type FillTensor = (name: string, shape: number[], out: Uint16Array) => void;

export async function packWeights(
  config: GPT2Config,
  displayName: string,
  fill: FillTensor,
  shardBytes = SHARD_BYTES,
): Promise<PackedWeights> {
  const shapes = expectedShapes(config);
  let parameters = 0;
  for (const shape of shapes.values()) parameters += elementCount(shape);

  const halves = new Uint16Array(parameters);
  const weights: ManifestWeight[] = [];
  let offset = 0;
  for (const [name, shape] of shapes) {
    const n = elementCount(shape);
    fill(name, shape, halves.subarray(offset, offset + n));
    weights.push({ name, shape, dtype: 'float32', quantization: { dtype: 'float16' } });
    offset += n;
  }

  const all = new Uint8Array(halves.buffer);
  const count = Math.max(1, Math.ceil(all.length / shardBytes));
  const shards: PackedShard[] = [];
  for (let i = 0; i < count; i++) {
    shards.push({ path: shardName(1, i + 1, count), bytes: all.subarray(i * shardBytes, (i + 1) * shardBytes) });
  }

  const modelJson: ModelJson = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    config: {
      model_type: 'gpt2',
      name: displayName,
      n_layer: config.n_layer,
      n_head: config.n_head,
      n_embd: config.n_embd,
      n_positions: config.n_positions,
      vocab_size: config.vocab_size,
      layer_norm_epsilon: config.layer_norm_epsilon,
    },
    weightsManifest: [{ paths: shards.map((s) => s.path), weights }],
    shards: await Promise.all(
      shards.map(async (s) => ({ path: s.path, bytes: s.bytes.length, sha256: await sha256Hex(s.bytes) })),
    ),
  };
  return { modelJson, shards, parameters };
}
