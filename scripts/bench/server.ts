/**
 * A small static server for the bench: cross-origin isolated (COOP + COEP, so
 * SharedArrayBuffer exists and both wasm runtimes can use threads), serving a few
 * folders under URL prefixes, and counting the bytes it sends under each prefix.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  /** Bytes sent so far under each mounted prefix. */
  bytesSent: Map<string, number>;
  close(): Promise<void>;
}

/** The file a request path names under one of the mounts, or null. */
export function resolveMount(mounts: Record<string, string>, urlPath: string): { prefix: string; file: string } | null {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!path.startsWith(prefix)) continue;
    const root = resolve(mounts[prefix]);
    const rest = path.slice(prefix.length) || 'index.html';
    const file = resolve(root, rest);
    return file.startsWith(root + sep) ? { prefix, file } : null;
  }
  return null;
}

/** Serves `mounts` (URL prefix ending in "/" -> folder) on 127.0.0.1 at a free port. */
export async function startStaticServer(mounts: Record<string, string>): Promise<StaticServer> {
  const bytesSent = new Map(Object.keys(mounts).map((p) => [p, 0]));
  const server: Server = createServer((req, res) => {
    const hit = resolveMount(mounts, req.url ?? '/');
    if (!hit || !existsSync(hit.file) || !statSync(hit.file).isFile()) {
      res.writeHead(404, ISOLATION_HEADERS).end('not found');
      return;
    }
    const size = statSync(hit.file).size;
    res.writeHead(200, {
      ...ISOLATION_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(hit.file)] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-store',
    });
    bytesSent.set(hit.prefix, (bytesSent.get(hit.prefix) ?? 0) + size);
    createReadStream(hit.file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesSent,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
