/**
 * The model a CLI uses without --model: the bundled trained model when it is there,
 * else the tiny random fixture that is always committed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

const weightsDir = fileURLToPath(new URL('../../weights/', import.meta.url));

export const PREFERRED_MODELS = ['gpt2-mini-circuits', 'tiny-random'] as const;

/** The path of the first preferred model whose model.json exists (relative to the working directory when shorter). */
export function defaultModelDir(): string {
  const dirs = PREFERRED_MODELS.map((name) => join(weightsDir, name));
  const found = dirs.find((dir) => existsSync(join(dir, 'model.json'))) ?? dirs[dirs.length - 1];
  const rel = relative(process.cwd(), found);
  return rel.startsWith('..') ? found : rel;
}
