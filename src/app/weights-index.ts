/**
 * The list of model folders the server holds, at weights/index.json: the build writes it
 * (build/weights-plugin.ts) and dev and preview serve it. The page reads it before asking
 * for a model's model.json, so a model that is not there (GPT-2 small before
 * `npm run fetch-gpt2`) costs no failing request and no console error. Imports nothing:
 * the build tooling loads it too.
 */
export const WEIGHTS_INDEX_URL = './weights/index.json';

export interface WeightsIndex {
  /** Folder names under weights/ that hold a model.json. */
  models: string[];
}

/** The folders an index lists, or null when the answer is not an index. */
export function parseWeightsIndex(json: unknown): Set<string> | null {
  const models = (json as Partial<WeightsIndex> | null)?.models;
  return Array.isArray(models) && models.every((m) => typeof m === 'string') ? new Set(models) : null;
}

/** The weights/ folder a catalog URL names ("./weights/gpt2/" -> "gpt2"), or null for other URLs. */
export function weightsFolder(url: string): string | null {
  return /^(?:\.\/)?weights\/([^/]+)\/$/.exec(url)?.[1] ?? null;
}
