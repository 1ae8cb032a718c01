/**
 * Finds out what each catalog model has on offer, without loading it: a bundled or local
 * model's model.json (present? how many bytes of shards?), asked only when weights/index.json
 * lists its folder, and whether the Hub model's conversion is in this browser's cache.
 */
import { parseWeightsIndex, WEIGHTS_INDEX_URL, weightsFolder } from '../../app/weights-index';
import type { CatalogEntry } from '../../hub/catalog';
import { parseConfig } from '../../model/config';
import { CHECKPOINT_FILES, GPT2_SMALL_PINNED, GPT2_SMALL_REPO } from '../../hub/hub-repo';
import type { HubRepo } from '../../hub/hub-repo';
import type { CachedModel } from '../../worker/protocol';
import { BYTES_PER_HALF, expectedShapes } from '../../weights/weights-format';
import { elementCount } from '../../weights/safetensors';
import type { Probe } from './picker-state';

/** GPT-2 small's shape, to state its converted size before anything is downloaded. */
export const GPT2_SMALL_CONFIG = parseConfig({
  n_layer: 12,
  n_head: 12,
  n_embd: 768,
  n_positions: 1024,
  vocab_size: 50257,
});

/** Bytes of a GPT-2 in our format: every stored value is one float16. */
function float16Bytes(config = GPT2_SMALL_CONFIG): number {
  let values = 0;
  for (const shape of expectedShapes(config).values()) values += elementCount(shape);
  return values * BYTES_PER_HALF;
}

/** The sum of the shards a model.json lists, or null when the answer is not our model.json. */
async function modelJsonBytes(url: string, fetchImpl: typeof fetch): Promise<number | null> {
  try {
    const response = await fetchImpl(`${url}model.json`, { cache: 'no-cache' });
    if (!response.ok) return null;
    const json = (await response.json()) as { shards?: { bytes?: unknown }[] };
    if (!Array.isArray(json.shards)) return null;
    return json.shards.reduce((sum, s) => sum + (typeof s.bytes === 'number' ? s.bytes : 0), 0);
  } catch {
    // Unreachable, or an HTML page where model.json should be: not available.
    return null;
  }
}

/** The folders weights/index.json lists, or null when there is no index to trust (then every model.json is asked). */
export async function listedModels(fetchImpl: typeof fetch): Promise<Set<string> | null> {
  try {
    const response = await fetchImpl(WEIGHTS_INDEX_URL, { cache: 'no-cache' });
    return response.ok ? parseWeightsIndex(await response.json()) : null;
  } catch {
    return null;
  }
}

/** listed: the folders weights/index.json names; a model outside them is not asked for. */
export async function probeEntry(
  entry: CatalogEntry,
  fetchImpl: typeof fetch,
  cached: (hub: HubRepo) => Promise<CachedModel>,
  listed: ReadonlySet<string> | null = null,
): Promise<Probe> {
  if (entry.hub) {
    const gpt2 = entry.hub.repo === GPT2_SMALL_REPO;
    const { usable, bytes } = await cached(entry.hub);
    return {
      available: bytes !== null,
      // What is in the cache when it is there; before that, what GPT-2 small will take.
      storedBytes: bytes ?? (gpt2 ? float16Bytes() : null),
      downloadBytes: gpt2 ? CHECKPOINT_FILES.reduce((sum, f) => sum + GPT2_SMALL_PINNED[f].size, 0) : undefined,
      cacheUsable: usable,
    };
  }
  const folder = weightsFolder(entry.url);
  if (listed && folder !== null && !listed.has(folder)) return { available: false, storedBytes: null };
  const bytes = await modelJsonBytes(entry.url, fetchImpl);
  return { available: bytes !== null, storedBytes: bytes };
}
