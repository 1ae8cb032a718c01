import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CACHE_PREFIX,
  cacheName,
  isCacheable,
  modelShards,
  shardProblem,
  staleCaches,
  storeAtRuntime,
} from '../../src/offline/cache-rules';

const answer = (
  status: number,
  headers: Record<string, string> = {},
  type: ResponseType = 'basic',
  redirected = false,
) => ({
  status,
  type,
  redirected,
  headers: new Headers(headers),
});

describe('offline cache rules', () => {
  it('stores only complete same-origin 200 answers', () => {
    expect(isCacheable(answer(200))).toBe(true);
    expect(isCacheable(answer(206, { 'Content-Range': 'bytes 0-99/1000' }))).toBe(false);
    expect(isCacheable(answer(200, { 'Content-Range': 'bytes 0-99/1000' }))).toBe(false);
    expect(isCacheable(answer(404))).toBe(false);
    expect(isCacheable(answer(0, {}, 'opaque'))).toBe(false);
    expect(isCacheable(answer(200, {}, 'basic', true))).toBe(false);
  });

  it('versions its cache and deletes only its own old versions', () => {
    expect(cacheName('abc')).toBe(`${CACHE_PREFIX}abc`);
    expect(staleCaches([cacheName('old'), cacheName('new'), 'forward-pass-hub-models-v1'], cacheName('new'))).toEqual([
      cacheName('old'),
    ]);
  });

  it("lists a model's shards from its manifest, with their sizes and SHA-256", () => {
    const manifest = JSON.parse(readFileSync('weights/tiny-random/model.json', 'utf8'));
    const shards = modelShards('./weights/tiny-random/', manifest);
    expect(shards.map((s) => s.path)).toEqual([
      './weights/tiny-random/group1-shard1of2.bin',
      './weights/tiny-random/group1-shard2of2.bin',
    ]);
    expect(shards[1].bytes).toBe(2455168);
    expect(shards[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => modelShards('./x/', { nope: 1 })).toThrow(/x\/model.json has no valid shard list/);
    expect(() => modelShards('./x/', { shards: [{ path: 'a.bin', bytes: 'many', sha256: 'ab' }] })).toThrow(
      /shard list/,
    );
  });

  it("accepts a shard only with the manifest's length and SHA-256", async () => {
    const manifest = JSON.parse(readFileSync('weights/tiny-random/model.json', 'utf8'));
    const shard = modelShards('./weights/tiny-random/', manifest)[1];
    const bytes = new Uint8Array(readFileSync('weights/tiny-random/group1-shard2of2.bin'));
    expect(await shardProblem(bytes, shard)).toBeNull();
    expect(await shardProblem(bytes.subarray(0, 1000), shard)).toBe('1000 bytes, expected 2455168');
    const flipped = bytes.slice();
    flipped[12345] ^= 1;
    expect(await shardProblem(flipped, shard)).toBe('SHA-256 does not match the manifest');
    const html = new TextEncoder().encode('<!doctype html><html><body>Not here</body></html>');
    expect(await shardProblem(html, shard)).toMatch(/bytes, expected/);
  });

  it('leaves weight files out of runtime caching', () => {
    expect(storeAtRuntime('http://h/assets/index-abc.js')).toBe(true);
    expect(storeAtRuntime('http://h/weights/gpt2/group1-shard1of60.bin')).toBe(false);
  });
});
