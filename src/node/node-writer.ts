/**
 * Writes packed weights to a folder (Node only; never imported by browser code).
 * Shards left over from an earlier, larger model in the same folder are removed,
 * so the folder holds exactly what model.json lists. Other files (MODEL_CARD.md) stay.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedWeights } from '../weights/pack-weights';

const SHARD_FILE = /^group\d+-shard\d+of\d+\.bin$/;

/** Writes model.json and the shards into `dir`; returns the number of shard bytes written. */
export function writeWeightsDir(dir: string, packed: PackedWeights): number {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (SHARD_FILE.test(f)) rmSync(join(dir, f));
  let bytes = 0;
  for (const s of packed.shards) {
    writeFileSync(join(dir, s.path), s.bytes);
    bytes += s.bytes.length;
  }
  writeFileSync(join(dir, 'model.json'), JSON.stringify(packed.modelJson, null, 1) + '\n');
  return bytes;
}
