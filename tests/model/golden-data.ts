/**
 * Reads the golden activations written by tools/golden.py (tests/fixtures/golden/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'tests/fixtures/golden';

export interface GoldenArray {
  shape: number[];
  data: Float32Array;
}

export interface GoldenPrompt {
  name: string;
  ids: number[];
  /** The array called `name` (see tools/golden.py for the names); throws if absent. */
  get(name: string): GoldenArray;
}

interface IndexJson {
  config: { n_layer: number; n_head: number; n_embd: number; n_positions: number; vocab_size: number };
  prompts: { name: string; ids: number[]; file: string; arrays: Record<string, { offset: number; shape: number[] }> }[];
}

export function readGolden(): { config: IndexJson['config']; prompts: GoldenPrompt[] } {
  const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as IndexJson;
  const prompts = index.prompts.map((p) => {
    const bytes = readFileSync(join(DIR, p.file));
    // Copy into an aligned buffer: float32 views need a 4-byte aligned offset.
    const all = new Float32Array(new Uint8Array(bytes).buffer);
    return {
      name: p.name,
      ids: p.ids,
      get(name: string): GoldenArray {
        const entry = p.arrays[name];
        if (entry === undefined) throw new Error(`golden array "${name}" is missing for prompt ${p.name}`);
        const size = entry.shape.reduce((a, b) => a * b, 1);
        return { shape: entry.shape, data: all.subarray(entry.offset, entry.offset + size) };
      },
    };
  });
  return { config: index.config, prompts };
}
