/**
 * The service worker's decisions, as pure functions so they can be tested outside a
 * service worker: which cache is current, which responses may be stored, which shards a
 * bundled model consists of and whether downloaded bytes are those shards.
 */
// Types only: sw.js must import no code the page shares, or the bundler splits that code into
// a chunk that a classic service worker script cannot import.
import type { ModelJson, ShardInfo } from '../weights/weights-format';

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

/**
 * The shards a model's manifest lists, with their byte lengths and SHA-256, at URLs relative to `folder` (which ends
 * with "/").
 */
export function modelShards(folder: string, manifest: unknown): ShardInfo[] {
  const shards = (manifest as Partial<ModelJson> | null)?.shards;
  const valid = (s: Partial<ShardInfo>) =>
    typeof s?.path === 'string' && Number.isInteger(s.bytes) && typeof s.sha256 === 'string';
  if (!Array.isArray(shards) || shards.length === 0 || !shards.every(valid))
    throw new Error(`${folder}model.json has no valid shard list`);
  return shards.map((s: ShardInfo) => ({ path: `${folder}${s.path}`, bytes: s.bytes, sha256: s.sha256.toLowerCase() }));
}

/**
 * Why some bytes are not the shard the manifest describes (an HTML error page served with
 * status 200, a cut-off download, other content), or null when they are. Only verified
 * shards become the offline copy: a bad one would otherwise be served from the cache forever.
 */
export async function shardProblem(bytes: Uint8Array<ArrayBuffer>, shard: ShardInfo): Promise<string | null> {
  if (bytes.length !== shard.bytes) return `${bytes.length} bytes, expected ${shard.bytes}`;
  // Web Crypto is always there: service workers exist only in secure contexts.
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
  return hex === shard.sha256 ? null : 'SHA-256 does not match the manifest';
}

/**
 * Whether a response fetched while the page runs may be added to the cache. Model
 * weights are only cached by the install step (the bundled models): a GPT-2 small
 * served from weights/ on this machine would otherwise fill the cache with 250 MB.
 */
export const storeAtRuntime = (url: string): boolean => !new URL(url).pathname.includes('/weights/');
