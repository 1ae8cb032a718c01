import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSource, memorySource } from '../../src/weights/sources';
import { loadWeights, WeightsError } from '../../src/weights/weights';

const bodyOf = (chunks: number[][]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new Uint8Array(c));
      controller.close();
    },
  });

const fakeFetch = (respond: (url: string) => Response | Promise<Response>): typeof fetch =>
  (async (input: RequestInfo | URL) => respond(String(input))) as typeof fetch;

async function readError(promise: Promise<unknown>): Promise<WeightsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeightsError);
  return error as WeightsError;
}

describe('httpSource', () => {
  it('joins paths to the base URL and streams the body, reporting each piece', async () => {
    const urls: string[] = [];
    const source = httpSource(
      '/models/tiny/',
      fakeFetch((url) => (urls.push(url), new Response(bodyOf([[1, 2, 3], [4], [5, 6]])))),
    );
    const pieces: number[] = [];
    const bytes = await source.read('a.bin', (n) => pieces.push(n));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pieces).toEqual([3, 1, 2]);
    expect(urls).toEqual(['/models/tiny/a.bin']);
    await httpSource(
      'https://x.test/m',
      fakeFetch((url) => (urls.push(url), new Response('{}'))),
    ).read('model.json');
    expect(urls[1]).toBe('https://x.test/m/model.json');
  });

  it('says a 404 is missing, another HTTP error unreadable, and a network failure a network error', async () => {
    const status = (code: number) =>
      httpSource(
        '/m',
        fakeFetch(() => new Response('no', { status: code, statusText: 'Oops' })),
      );
    const missing = await readError(status(404).read('model.json'));
    expect([missing.kind, missing.message]).toEqual(['missing', '/m/model.json: not found (HTTP 404)']);
    const server = await readError(status(500).read('model.json'));
    expect([server.kind, server.message]).toEqual(['unreadable', '/m/model.json: server answered HTTP 500 Oops']);
    const offline = await readError(
      httpSource(
        '/m',
        fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))),
      ).read('x.bin'),
    );
    expect([offline.kind, offline.message]).toEqual([
      'unreadable',
      '/m/x.bin: network error, could not fetch (Failed to fetch)',
    ]);
  });

  it('says when the connection drops mid-body', async () => {
    let pulls = 0;
    const dropping = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new Uint8Array(10));
        else controller.error(new Error('connection reset'));
      },
    });
    const error = await readError(
      httpSource(
        '/m',
        fakeFetch(() => new Response(dropping)),
      ).read('s.bin'),
    );
    expect(error.message).toBe('/m/s.bin: download failed after 10 bytes (connection reset)');
  });
});

describe('httpSource over a real HTTP server', () => {
  let server: Server;
  let base: string;
  // Serves weights/ like a static host; /spa/ answers every path with index.html, as Vite's dev server does.
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = decodeURIComponent(req.url ?? '');
      if (path.startsWith('/spa/')) {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><html><body><div id="root"></div></body></html>');
        return;
      }
      try {
        const bytes = readFileSync(join('weights', path.replace(/^\/weights\//, '')));
        res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads weights/tiny-random with progress', async () => {
    let last = 0;
    const { tensors, totalBytes } = await loadWeights(
      httpSource(`${base}/weights/tiny-random`),
      (p) => (last = p.loaded),
    );
    expect(tensors.size).toBe(28);
    expect(last).toBe(totalBytes);
  });

  it('reports a missing model folder and an HTML fallback page', async () => {
    const missing = await readError(loadWeights(httpSource(`${base}/weights/nope`)));
    expect(missing.message).toBe(`${base}/weights/nope/model.json: not found (HTTP 404)`);
    const spa = await readError(loadWeights(httpSource(`${base}/spa/gpt2`)));
    expect([spa.kind, spa.message]).toEqual([
      'not-weights',
      `${base}/spa/gpt2/model.json: got an HTML page, not weights`,
    ]);
  });
});

describe('memorySource', () => {
  it('serves its files and says which one is missing', async () => {
    const source = memorySource(new Map([['a', new Uint8Array([7])]]), 'upload');
    let n = 0;
    expect([...(await source.read('a', (k) => (n += k)))]).toEqual([7]);
    expect(n).toBe(1);
    const error = await readError(source.read('b'));
    expect([error.kind, error.message]).toEqual(['missing', 'upload/b: not found']);
  });
});
