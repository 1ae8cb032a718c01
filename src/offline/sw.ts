/// <reference lib="webworker" />
/**
 * The offline service worker. Installing it caches the app shell (every file of the build,
 * listed into this script at build time by build/offline-plugin.ts) and the bundled models'
 * files (read from their manifests, each shard checked against its SHA-256). Then:
 * - page loads (navigations) go to the network first, falling back to the cached page, so a
 *   new version is picked up when online and the old one still opens offline;
 * - everything else is served from the cache when there, else fetched (and stored if it is a
 *   complete same-origin answer that is not a model weight file);
 * - HEAD requests (the page probes which models exist) are answered from the cache offline.
 * The cache's name carries the build's version; older versions' caches are deleted on activation.
 */
import { cacheName, isCacheable, modelShards, shardProblem, staleCaches, storeAtRuntime } from './cache-rules';

declare const self: ServiceWorkerGlobalScope;
/** Filled in at build time. */
declare const __OFFLINE_SHELL__: string[];
declare const __OFFLINE_MODELS__: string[];
declare const __OFFLINE_VERSION__: string;

const CACHE = cacheName(__OFFLINE_VERSION__);
const scoped = (path: string) => new URL(path, self.registration.scope).href;

/** Fetches a URL fresh (bypassing the HTTP cache); only a complete same-origin answer will do. */
async function fetchFresh(url: string): Promise<Response> {
  const response = await fetch(url, { cache: 'reload' });
  if (!isCacheable(response)) throw new Error(`${url}: HTTP ${response.status}, not cached`);
  return response;
}

async function store(cache: Cache, url: string): Promise<void> {
  await cache.put(url, await fetchFresh(url));
}

/**
 * A bundled model's manifest and shards. Every shard is checked against the manifest's byte
 * length and SHA-256 before anything of the model is cached; a bad one fails the install, so
 * the offline copy is complete or absent (the next visit tries again). A model whose manifest
 * is not there (404) is not part of this deployment and is skipped.
 */
async function storeModel(cache: Cache, folder: string): Promise<void> {
  const manifestUrl = scoped(`${folder}model.json`);
  const manifest = await fetch(manifestUrl, { cache: 'reload' });
  if (manifest.status === 404) return;
  if (!isCacheable(manifest)) throw new Error(`${manifestUrl}: HTTP ${manifest.status}, not cached`);
  const shards = modelShards(folder, await manifest.clone().json());
  const checked = await Promise.all(
    shards.map(async (shard) => {
      const url = scoped(shard.path);
      const response = await fetchFresh(url);
      const problem = await shardProblem(new Uint8Array(await response.clone().arrayBuffer()), shard);
      if (problem) throw new Error(`${url}: ${problem}, not cached`);
      return { url, response };
    }),
  );
  await Promise.all(checked.map(({ url, response }) => cache.put(url, response)));
  await cache.put(manifestUrl, manifest);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(['./', ...__OFFLINE_SHELL__].map((f) => store(cache, scoped(f))));
      await Promise.all(__OFFLINE_MODELS__.map((folder) => storeModel(cache, folder)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all(staleCaches(await caches.keys(), CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

async function fromCache(request: Request): Promise<Response | undefined> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request.url)) ?? (request.mode === 'navigate' ? cache.match(scoped('./')) : undefined);
}

async function respond(request: Request): Promise<Response> {
  if (request.mode === 'navigate') {
    try {
      return await fetch(request);
    } catch {
      return (await fromCache(request)) ?? Response.error();
    }
  }
  if (request.method === 'HEAD') {
    try {
      return await fetch(request);
    } catch {
      const cached = await fromCache(request);
      return cached ? new Response(null, { status: cached.status, headers: cached.headers }) : Response.error();
    }
  }
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (isCacheable(response) && !request.headers.has('Range') && storeAtRuntime(request.url)) {
    const copy = response.clone();
    void caches.open(CACHE).then((c) => c.put(request.url, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  event.respondWith(respond(request));
});
