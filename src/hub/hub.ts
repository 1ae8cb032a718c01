/**
 * GPT-2 from the Hugging Face Hub, in the page: download config.json and model.safetensors
 * with progress, verify them against the Hub's published sizes and hashes, convert to our
 * float16 format (in the model worker, off the main thread), keep the result in a ModelCache,
 * and load it with the same loader as a bundled model.
 *
 * The cache only ever holds a complete, verified conversion: shards are stored first and
 * model.json last, so a model.json in the cache means the model is whole, and a failed write
 * removes what it wrote. A second visit loads from the cache without touching the network;
 * a cache that fails its own shard hashes is dropped and the model downloaded again.
 * When the cache is full or missing, the model still loads, uncached, and says so.
 */
import { convertCheckpoint } from '../weights/convert';
import { downloadToMemory } from './hub-download';
import { HubError, type HttpOptions } from './hub-http';
import { CHECKPOINT_FILES, fetchExpectedFiles, hubFileUrl, type HubRepo } from './hub-repo';
import { isQuotaError, type ModelCache } from './model-cache';
import { memorySource } from '../weights/sources';
import type { FileSource, LoadProgress } from '../model/types';
import { loadWeights, MODEL_JSON, type LoadedWeights } from '../weights/weights';
import { FORMAT_VERSION } from '../weights/weights-format';

/** What became of the cache on this load. */
export type CacheOutcome =
  /** Loaded from the cache: no download. */
  | 'hit'
  /** Downloaded, converted and stored for next time. */
  | 'stored'
  /** Downloaded, but storage is full: not kept. */
  | 'full'
  /** Downloaded; this browser offers no cache. */
  | 'unavailable'
  /** Downloaded; storing failed for another reason. */
  | 'failed';

export interface HubLoadDeps extends HttpOptions {
  /** Where conversions are kept; null when the browser offers none. */
  cache: ModelCache | null;
}

export interface HubWeights extends LoadedWeights {
  cache: CacheOutcome;
}

/** LoadProgress.file while a downloaded checkpoint is converted to float16. */
export const CONVERTING = 'converting to float16';

/** Cache keys of one repo revision's conversion, versioned with our weights format. */
const cacheKey = (hub: HubRepo, path: string): string =>
  `${hubFileUrl(hub, `forward-pass-v${FORMAT_VERSION}`)}/${path}`;

function cacheSource(cache: ModelCache, hub: HubRepo): FileSource {
  return {
    describe: () => `cached ${hub.repo}`,
    async read(path, onBytes) {
      const bytes = await cache.get(cacheKey(hub, path));
      if (!bytes) throw new Error(`${path} is not in the cache`);
      onBytes?.(bytes.length);
      return bytes;
    },
  };
}

/** Whether a complete conversion of this repo revision is in the cache. */
export async function isHubModelCached(hub: HubRepo, cache: ModelCache | null): Promise<boolean> {
  if (!cache) return false;
  try {
    return await cache.has(cacheKey(hub, MODEL_JSON));
  } catch {
    return false;
  }
}

/** The shards a stored model.json lists, or [] when there is none or it is unreadable. */
async function cachedShards(cache: ModelCache, hub: HubRepo): Promise<{ path: string; bytes: number }[]> {
  try {
    const bytes = await cache.get(cacheKey(hub, MODEL_JSON));
    const json = bytes
      ? (JSON.parse(new TextDecoder().decode(bytes)) as { shards?: { path?: unknown; bytes?: unknown }[] })
      : {};
    return (json.shards ?? []).flatMap((s) =>
      typeof s.path === 'string' && typeof s.bytes === 'number' ? [{ path: s.path, bytes: s.bytes }] : [],
    );
  } catch {
    return [];
  }
}

/** Bytes a cached conversion occupies (its shards), or null when it is not cached. */
export async function cachedHubModelBytes(hub: HubRepo, cache: ModelCache | null): Promise<number | null> {
  if (!cache || !(await isHubModelCached(hub, cache))) return null;
  return (await cachedShards(cache, hub)).reduce((sum, s) => sum + s.bytes, 0);
}

/** Removes a conversion from the cache: model.json first, so a half-removed one never looks whole. */
export async function removeHubModel(hub: HubRepo, cache: ModelCache): Promise<void> {
  const shards = await cachedShards(cache, hub);
  await cache.delete(cacheKey(hub, MODEL_JSON));
  for (const { path } of shards) await cache.delete(cacheKey(hub, path));
}

async function storeConversion(
  cache: ModelCache,
  hub: HubRepo,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<CacheOutcome> {
  const written: string[] = [];
  try {
    for (const [path, bytes] of files) {
      if (path === MODEL_JSON) continue;
      written.push(path);
      await cache.put(cacheKey(hub, path), bytes);
    }
    written.push(MODEL_JSON);
    await cache.put(cacheKey(hub, MODEL_JSON), files.get(MODEL_JSON)!);
    return 'stored';
  } catch (e) {
    for (const path of written) await cache.delete(cacheKey(hub, path)).catch(() => undefined);
    return isQuotaError(e) ? 'full' : 'failed';
  }
}

async function loadFromCache(
  hub: HubRepo,
  cache: ModelCache,
  onProgress?: (p: LoadProgress) => void,
): Promise<HubWeights | null> {
  if (!(await isHubModelCached(hub, cache))) return null;
  try {
    return { ...(await loadWeights(cacheSource(cache, hub), onProgress)), cache: 'hit' };
  } catch {
    // A damaged or partly evicted entry: forget it and download afresh.
    await removeHubModel(hub, cache).catch(() => undefined);
    return null;
  }
}

/** Downloads and verifies the checkpoint, then converts it: model.json and shards, in memory. */
async function downloadAndConvert(
  hub: HubRepo,
  name: string,
  onProgress: ((p: LoadProgress) => void) | undefined,
  options: HttpOptions,
): Promise<Map<string, Uint8Array>> {
  const expected = await fetchExpectedFiles(hub, options);
  const total = CHECKPOINT_FILES.reduce((sum, f) => sum + expected.get(f)!.size, 0);
  let loaded = 0;
  const bytes = new Map<string, Uint8Array>();
  for (const file of CHECKPOINT_FILES) {
    onProgress?.({ loaded, total, file });
    const data = await downloadToMemory(hubFileUrl(hub, file), file, expected.get(file)!, {
      ...options,
      onBytes: (n) => {
        loaded += n;
        onProgress?.({ loaded, total, file });
      },
    });
    bytes.set(file, data);
  }
  // Verified; converting takes seconds at GPT-2 small's size, with the bar already full.
  onProgress?.({ loaded, total, file: CONVERTING });
  let configJson: unknown;
  try {
    configJson = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.get('config.json')));
  } catch {
    throw new HubError('bad-listing', `config.json from ${hub.repo} is not valid JSON`);
  }
  const packed = await convertCheckpoint(configJson, bytes.get('model.safetensors')!, { name });
  const files = new Map<string, Uint8Array>([[MODEL_JSON, new TextEncoder().encode(JSON.stringify(packed.modelJson))]]);
  for (const shard of packed.shards) files.set(shard.path, shard.bytes);
  return files;
}

/**
 * Loads a GPT-2 from the Hub: from the cache when a verified conversion is there, else by
 * downloading and converting it. Progress counts the download's bytes (or the cache's).
 */
export async function loadHubWeights(
  hub: HubRepo,
  name: string,
  onProgress: ((p: LoadProgress) => void) | undefined,
  deps: HubLoadDeps,
): Promise<HubWeights> {
  const { cache, ...options } = deps;
  const cached = cache ? await loadFromCache(hub, cache, onProgress) : null;
  if (cached) return cached;
  const files = await downloadAndConvert(hub, name, onProgress, options);
  const outcome = cache ? await storeConversion(cache, hub, files) : 'unavailable';
  // The download's progress already reached its total; reading from memory is instant.
  return { ...(await loadWeights(memorySource(files, hubFileUrl(hub, '')))), cache: outcome };
}

/**
 * Downloads, converts and stores a Hub model without loading it, so the model that is
 * running keeps running meanwhile; loading it afterwards reads the cache. Returns 'hit'
 * when it was there already; without a cache there is nowhere to put it ('unavailable').
 */
export async function prefetchHubModel(
  hub: HubRepo,
  name: string,
  onProgress: ((p: LoadProgress) => void) | undefined,
  deps: HubLoadDeps,
): Promise<CacheOutcome> {
  const { cache, ...options } = deps;
  if (!cache) return 'unavailable';
  if (await isHubModelCached(hub, cache)) return 'hit';
  return storeConversion(cache, hub, await downloadAndConvert(hub, name, onProgress, options));
}
