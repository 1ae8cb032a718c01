/**
 * The service worker's decisions, as pure functions so they can be tested outside a
 * service worker: which cache is current, which responses may be stored, and which files
 * a bundled model consists of.
 */

/** Every cache of this service worker starts with this; other caches (the Hub models') are left alone. */
export const CACHE_PREFIX = 'forward-pass-offline-';

export const cacheName = (version: string): string => `${CACHE_PREFIX}${version}`;

/** Our caches from older versions, to delete once the new version is active. */
export const staleCaches = (names: readonly string[], current: string): string[] =>
  names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);

/**
 * Only complete, successful, same-origin answers are stored: never a 206 partial
 * response (a range request would poison the cache with part of a shard), an error,
 * an opaque cross-origin answer or a redirect.
 */
export function isCacheable(response: Pick<Response, 'status' | 'type' | 'headers' | 'redirected'>): boolean {
  return (
    response.status === 200 &&
    !response.redirected &&
    (response.type === 'basic' || response.type === 'default') &&
    !response.headers.has('Content-Range')
  );
}

/** The files of a model folder: its manifest and every shard it lists, as URLs relative to `folder` (which ends with "/"). */
export function modelFiles(folder: string, manifest: unknown): string[] {
  const groups = (manifest as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  if (!Array.isArray(groups)) throw new Error(`${folder}model.json has no weightsManifest`);
  const paths = groups.flatMap((g) => (Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : []));
  return [`${folder}model.json`, ...paths.map((p) => `${folder}${p}`)];
}

/**
 * Whether a response fetched while the page runs may be added to the cache. Model
 * weights are only cached by the install step (the bundled models): a GPT-2 small
 * served from weights/ on this machine would otherwise fill the cache with 250 MB.
 */
export const storeAtRuntime = (url: string): boolean => !new URL(url).pathname.includes('/weights/');
