/**
 * Loads a model in our weights format (see FORMAT.md) from any FileSource: reads model.json,
 * checks it against the config, then fetches the shards one by one, verifying each one's
 * length and SHA-256 before widening its float16 values into per-tensor Float32Arrays.
 * Either every tensor is returned, checked, or a WeightsError is thrown: never a partial model.
 */
import type { GPT2Config } from '../model/config';
import { HalfStreamDecoder } from './half-stream';
import { readManifest } from './read-manifest';
import { elementCount } from './safetensors';
import type { FileSource, LoadProgress, WeightTensor } from '../model/types';
import { joinPath, looksLikeHtml, WeightsError } from './weights-error';
import { sha256Hex, type ShardInfo } from './weights-format';

export { WeightsError, type WeightsErrorKind } from './weights-error';

export const MODEL_JSON = 'model.json';

export interface LoadedWeights {
  config: GPT2Config;
  /** The model's display name from model.json. */
  name: string;
  tensors: Map<string, WeightTensor>;
  /** Bytes of all shards (what the progress total counts). */
  totalBytes: number;
}

export async function loadWeights(source: FileSource, onProgress?: (p: LoadProgress) => void): Promise<LoadedWeights> {
  const where = (path: string) => joinPath(source.describe(), path);
  const manifest = readManifest(await readFrom(source, MODEL_JSON, where(MODEL_JSON)), where(MODEL_JSON));
  const total = manifest.totalBytes;
  let loaded = 0;
  onProgress?.({ loaded, total, file: manifest.groups[0]?.shards[0]?.path });

  const tensors = new Map<string, WeightTensor>();
  for (const group of manifest.groups) {
    const decoder = new HalfStreamDecoder(group.tensors.map((t) => elementCount(t.shape)));
    for (const shard of group.shards) {
      let counted = 0;
      const bytes = await readFrom(source, shard.path, where(shard.path), (n) => {
        counted += n;
        loaded += n;
        onProgress?.({ loaded, total, file: shard.path });
      });
      await verifyShard(bytes, shard, where(shard.path));
      // A source that reports bytes coarsely (or not at all) still brings the bar to the total.
      if (counted !== bytes.length) {
        loaded += bytes.length - counted;
        onProgress?.({ loaded, total, file: shard.path });
      }
      decoder.push(bytes);
    }
    group.tensors.forEach((t, i) => tensors.set(t.name, { name: t.name, shape: t.shape, data: decoder.outputs[i] }));
  }
  return { config: manifest.config, name: manifest.name, tensors, totalBytes: total };
}

/** Reads a file, turning any failure a source did not already explain into a WeightsError. */
async function readFrom(
  source: FileSource,
  path: string,
  file: string,
  onBytes?: (n: number) => void,
): Promise<Uint8Array> {
  try {
    return await source.read(path, onBytes);
  } catch (e) {
    if (e instanceof WeightsError) throw e;
    throw new WeightsError(
      'unreadable',
      file,
      `${file}: could not be read (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

async function verifyShard(bytes: Uint8Array, shard: ShardInfo, file: string): Promise<void> {
  const fail = (kind: 'truncated' | 'bad-length' | 'bad-hash', what: string): never => {
    if (looksLikeHtml(bytes)) throw new WeightsError('not-weights', file, `${file}: got an HTML page, not weights`);
    throw new WeightsError(kind, file, `${file}: ${what}`);
  };
  if (bytes.length < shard.bytes) fail('truncated', `truncated: ${bytes.length} of ${shard.bytes} bytes`);
  if (bytes.length > shard.bytes) fail('bad-length', `has ${bytes.length} bytes, model.json says ${shard.bytes}`);
  const hash = await sha256Hex(bytes);
  if (hash !== shard.sha256) {
    fail(
      'bad-hash',
      `bad SHA-256 (${hash.slice(0, 12)}..., model.json says ${shard.sha256.slice(0, 12)}...): the file is corrupt or from another model`,
    );
  }
}
