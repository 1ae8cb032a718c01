/// <reference lib="webworker" />
/**
 * The offline service worker. Installing it caches the app shell (every file of the build,
 * listed into this script at build time by build/offline-plugin.ts) and the bundled models'
 * files (read from their manifests). Then:
 * - page loads (navigations) go to the network first, falling back to the cached page, so a
 *   new version is picked up when online and the old one still opens offline;
 * - everything else is served from the cache when there, else fetched (and stored if it is a
 *   complete same-origin answer that is not a model weight file);
 * - HEAD requests (the page probes which models exist) are answered from the cache offline.
 * The cache's name carries the build's version; older versions' caches are deleted on activation.
 */
import { cacheName, isCacheable, modelFiles, staleCaches, storeAtRuntime } from './cache-rules';

declare const self: ServiceWorkerGlobalScope;
/** Filled in at build time. */
declare const __OFFLINE_SHELL__: string[];
declare const __OFFLINE_MODELS__: string[];
declare const __OFFLINE_VERSION__: string;

const CACHE = cacheName(__OFFLINE_VERSION__);
const scoped = (path: string) => new URL(path, self.registration.scope).href;

/** Fetches a URL fresh (bypassing the HTTP cache) and stores it if the answer is complete. */
async function store(cache: Cache, url: string): Promise<Response> {
  const response = await fetch(url, { cache: 'reload' });
  if (!isCacheable(response)) throw new Error(`${url}: HTTP ${response.status}, not cached`);
  await cache.put(url, response.clone());
  return response;
}

/** A bundled model's manifest and shards; a model that is not part of this build is skipped. */
async function storeModel(cache: Cache, folder: string): Promise<void> {
  let manifest: unknown;
  try {
    manifest = await (await store(cache, scoped(`${folder}model.json`))).json();
  } catch {
    return;
  }
  await Promise.all(modelFiles(folder, manifest).slice(1).map((f) => store(cache, scoped(f))));
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
