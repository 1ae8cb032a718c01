import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CACHE_PREFIX, cacheName, isCacheable, modelFiles, staleCaches, storeAtRuntime } from '../../src/offline/cache-rules';

const answer = (status: number, headers: Record<string, string> = {}, type: ResponseType = 'basic', redirected = false) => ({
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
    expect(staleCaches([cacheName('old'), cacheName('new'), 'forward-pass-hub-models-v1'], cacheName('new'))).toEqual([cacheName('old')]);
  });

  it('lists a model folder from its manifest: model.json and every shard', () => {
    const manifest = JSON.parse(readFileSync('weights/tiny-random/model.json', 'utf8'));
    expect(modelFiles('./weights/tiny-random/', manifest)).toEqual([
      './weights/tiny-random/model.json',
      './weights/tiny-random/group1-shard1of2.bin',
      './weights/tiny-random/group1-shard2of2.bin',
    ]);
    expect(() => modelFiles('./x/', { nope: 1 })).toThrow(/weightsManifest/);
  });

  it('leaves weight files out of runtime caching', () => {
    expect(storeAtRuntime('http://h/assets/index-abc.js')).toBe(true);
    expect(storeAtRuntime('http://h/weights/gpt2/group1-shard1of60.bin')).toBe(false);
  });
});
