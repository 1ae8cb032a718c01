/**
 * Where the page keeps models it converted itself (GPT-2 small from the Hub), so a second
 * visit needs no download and works offline. An interface, so tests can pass a fake, and
 * one implementation over the browser's Cache Storage (windows and workers both have it).
 */

export interface ModelCache {
  /** The bytes stored under `key`, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
  has(key: string): Promise<boolean>;
  /** Throws when storage is full (a QuotaExceededError in browsers). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * The Cache Storage cache of converted Hub models. Its name is distinct from any app-shell
 * cache, so a service worker that clears old shell caches must leave this one alone.
 */
export const HUB_CACHE_NAME = 'forward-pass-hub-models-v1';

/** Cache Storage as a ModelCache, or null when the browser offers none (insecure page, some private modes). */
export async function openCacheStorage(
  name = HUB_CACHE_NAME,
  storage: CacheStorage | undefined = typeof caches === 'undefined' ? undefined : caches,
): Promise<ModelCache | null> {
  if (!storage) return null;
  let cache: Cache;
  try {
    cache = await storage.open(name);
  } catch {
    return null;
  }
  return {
    async get(key) {
      const response = await cache.match(key);
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async has(key) {
      return (await cache.match(key)) !== undefined;
    },
    async put(key, bytes) {
      const headers = { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) };
      await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers }));
    },
    async delete(key) {
      await cache.delete(key);
    },
  };
}

/** True for the error a browser throws when storage is full. */
export const isQuotaError = (e: unknown): boolean =>
  (e as { name?: unknown })?.name === 'QuotaExceededError' || /quota/i.test((e as Error)?.message ?? '');
