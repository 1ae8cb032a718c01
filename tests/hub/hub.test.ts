import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubError } from '../../src/hub/hub-http';
import { GPT2_SMALL_PINNED, type HubRepo } from '../../src/hub/hub-repo';
import { CONVERTING, isHubModelCached, loadHubWeights, removeHubModel } from '../../src/hub/hub';
import { memorySource } from '../../src/weights/sources';
import { convertCheckpoint } from '../../src/weights/convert';
import { loadWeights } from '../../src/weights/weights';
import type { LoadProgress } from '../../src/model/types';
import { makeCheckpoint, SMALL_CONFIG } from '../weights/checkpoint-builder';
import { FakeCache } from './fake-cache';
import { closedPort, startFakeHub, type FakeHub } from './fake-hub';

const checkpoint = makeCheckpoint(SMALL_CONFIG, { seed: 7 });
const configBytes = new TextEncoder().encode(JSON.stringify(checkpoint.configJson));
const hubFiles = [
  { path: 'config.json', bytes: configBytes, lfs: false },
  { path: 'model.safetensors', bytes: checkpoint.bytes, lfs: true },
];

let server: FakeHub;
let hub: HubRepo;
beforeEach(async () => {
  server = await startFakeHub(hubFiles);
  hub = { endpoint: server.endpoint, repo: server.repo, revision: server.revision };
});
afterEach(() => server.close());

/** What the converter makes of the same checkpoint, loaded: the reference for every load. */
async function reference() {
  const packed = await convertCheckpoint(checkpoint.configJson, checkpoint.bytes, { name: 'GPT-2 small' });
  const files = new Map([
    ['model.json', new TextEncoder().encode(JSON.stringify(packed.modelJson))],
    ...packed.shards.map((s) => [s.path, s.bytes] as const),
  ]);
  return loadWeights(memorySource(files));
}

const downloads = () => server.requests.filter((r) => r.url.includes('/resolve/') || r.url.startsWith('/cdn/'));

describe('loadHubWeights', () => {
  it('downloads, verifies, converts and caches; the second load comes from the cache alone', async () => {
    const cache = new FakeCache();
    const progress: LoadProgress[] = [];
    const first = await loadHubWeights(hub, 'GPT-2 small', (p) => progress.push(p), { cache });
    expect(first.cache).toBe('stored');
    expect(first.config).toEqual(SMALL_CONFIG);
    const ref = await reference();
    for (const [name, t] of ref.tensors) expect(first.tensors.get(name)?.data).toEqual(t.data);

    const total = configBytes.length + checkpoint.bytes.length;
    expect(progress.every((p) => p.total === total)).toBe(true);
    expect(progress.at(-1)).toEqual({ loaded: total, total, file: CONVERTING });
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(await isHubModelCached(hub, cache)).toBe(true);

    server.requests.length = 0;
    await server.close();
    const second = await loadHubWeights(hub, 'GPT-2 small', undefined, { cache });
    expect(second.cache).toBe('hit');
    for (const [name, t] of ref.tensors) expect(second.tensors.get(name)?.data).toEqual(t.data);
    expect(server.requests).toHaveLength(0);
  });

  it('verifies against the tree listing: a wrong body fails on size, a same-size one on SHA-256, and nothing is cached', async () => {
    const cache = new FakeCache();
    server.faults.replaceBody = {
      path: 'model.safetensors',
      bytes: checkpoint.bytes.subarray(0, checkpoint.bytes.length - 10),
    };
    await expect(loadHubWeights(hub, 'x', undefined, { cache })).rejects.toMatchObject({ kind: 'size' });

    const flipped = checkpoint.bytes.slice();
    flipped[flipped.length - 1] ^= 1;
    server.faults.replaceBody = { path: 'model.safetensors', bytes: flipped };
    const error = await loadHubWeights(hub, 'x', undefined, { cache }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).kind).toBe('hash');
    expect((error as HubError).message).toMatch(
      /^model\.safetensors: SHA-256 [0-9a-f]{12}\.\.\. differs from the Hub's/,
    );
    expect(cache.puts).toBe(0);
  });

  it('says an HTML page arrived instead of the weights', async () => {
    server.faults.htmlFor = 'model.safetensors';
    await expect(loadHubWeights(hub, 'x', undefined, { cache: null })).rejects.toThrow(
      /model\.safetensors: 127\.0\.0\.1:\d+ sent an HTML page, not the file/,
    );
  });

  it('a full cache still loads the model, uncached, and leaves no partial entry behind', async () => {
    // Room for the one shard (4,368 bytes) but not for model.json after it: the shard must be removed again.
    const cache = new FakeCache(5_000);
    const loaded = await loadHubWeights(hub, 'GPT-2 small', undefined, { cache });
    expect(loaded.cache).toBe('full');
    expect(cache.puts).toBe(2);
    expect(loaded.tensors.size).toBe((await reference()).tensors.size);
    expect(cache.entries.size).toBe(0);
    expect(await isHubModelCached(hub, cache)).toBe(false);
  });

  it('without a cache, loads and reports the cache as unavailable', async () => {
    expect((await loadHubWeights(hub, 'x', undefined, { cache: null })).cache).toBe('unavailable');
  });

  it('a damaged cache entry is dropped and the model downloaded again', async () => {
    const cache = new FakeCache();
    await loadHubWeights(hub, 'x', undefined, { cache });
    const shardKey = [...cache.entries.keys()].find((k) => k.endsWith('.bin'))!;
    cache.entries.get(shardKey)![0] ^= 0xff;
    server.requests.length = 0;
    const again = await loadHubWeights(hub, 'x', undefined, { cache });
    expect(again.cache).toBe('stored');
    expect(downloads().length).toBeGreaterThan(0);
  });

  it('removeHubModel deletes every entry', async () => {
    const cache = new FakeCache();
    await loadHubWeights(hub, 'x', undefined, { cache });
    await removeHubModel(hub, cache);
    expect(cache.entries.size).toBe(0);
  });

  it('fails fast with a one-line message when the Hub cannot be reached', async () => {
    const port = await closedPort();
    const started = Date.now();
    const closed = { ...hub, endpoint: `http://127.0.0.1:${port}` };
    await expect(loadHubWeights(closed, 'x', undefined, { cache: null })).rejects.toThrow(
      /^cannot reach 127\.0\.0\.1:\d+: connection refused$/,
    );
    const unresolvable = { ...hub, endpoint: 'http://no-such-host.invalid' };
    await expect(loadHubWeights(unresolvable, 'x', undefined, { cache: null, timeoutMs: 3000 })).rejects.toMatchObject({
      kind: expect.stringMatching(/^(network|timeout)$/),
      message: expect.stringMatching(/^cannot reach no-such-host\.invalid: /),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a server that accepts the connection but never answers fails on the connect deadline', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    try {
      await expect(
        loadHubWeights({ ...hub, endpoint: `http://127.0.0.1:${port}` }, 'x', undefined, {
          cache: null,
          timeoutMs: 500,
        }),
      ).rejects.toThrow(/^cannot reach 127\.0\.0\.1:\d+: no answer within 0\.5 s \(offline\?\)$/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('a server that stops sending fails on the stall deadline, not never', async () => {
    const hang = { ...hub };
    const fetchImpl: typeof fetch = async (url, init) => {
      if (!String(url).includes('model.safetensors')) return fetch(url, init);
      const body = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array(10)) });
      return new Response(body, { status: 200 });
    };
    await expect(loadHubWeights(hang, 'x', undefined, { cache: null, fetchImpl, stallMs: 300 })).rejects.toThrow(
      /^model\.safetensors: download stalled after 10 B of [\d.]+ kB \(no data for 0\.3 s\)$/,
    );
  });

  it('without a file listing, only GPT-2 small can be verified (against pinned values)', async () => {
    server.faults.treeStatus = 503;
    // Our fixture is not GPT-2 small, so the pinned size rejects it: proof the pinned values are used.
    await expect(loadHubWeights(hub, 'x', undefined, { cache: null })).rejects.toMatchObject({ kind: 'size' });
    expect(GPT2_SMALL_PINNED['model.safetensors'].size).toBe(548_105_171);
    const other = { ...hub, repo: 'someone/else' };
    await expect(loadHubWeights(other, 'x', undefined, { cache: null })).rejects.toThrow(
      /no such repository|cannot verify/,
    );
  });
});
