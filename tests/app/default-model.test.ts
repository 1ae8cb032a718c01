import { describe, expect, it } from 'vitest';
import { chooseDefaultModel, gpt2WithoutDownload } from '../../src/app/default-model';
import { buildCatalog } from '../../src/hub/catalog';
import { hubFileUrl } from '../../src/hub/hub-repo';
import { MODEL_JSON } from '../../src/weights/weights';
import { FORMAT_VERSION } from '../../src/weights/weights-format';
import { FakeCache } from '../hub/fake-cache';

const entries = buildCatalog();
const bundled = entries.find((e) => !e.hub && !e.local)!;

/** A server whose weights/index.json lists `folders` and whose bundled model.json answers. */
const server = (folders: string[]) =>
  (async (url: RequestInfo | URL) => {
    const u = String(url);
    if (u.endsWith('index.json')) return Response.json({ models: folders });
    if (u.endsWith('model.json') && folders.some((f) => u.includes(`/weights/${f}/`)))
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    return new Response('', { status: 404 });
  }) as typeof fetch;

describe('the default model', () => {
  it('is GPT-2 small when the site ships it (weights/gpt2 in the index)', async () => {
    const id = await chooseDefaultModel(entries, { fetchImpl: server(['gpt2', bundled.id]), cache: null });
    expect(id).toBe('gpt2-local');
  });

  it('is GPT-2 small from the Hub when its conversion is in this browser’s cache', async () => {
    const hub = entries.find((e) => e.hub)!;
    const cache = new FakeCache();
    await cache.put(
      `${hubFileUrl(hub.hub!, `forward-pass-v${FORMAT_VERSION}`)}/${MODEL_JSON}`,
      new Uint8Array([123, 125]),
    );
    expect(await chooseDefaultModel(entries, { fetchImpl: server([bundled.id]), cache })).toBe(hub.id);
  });

  it('prefers the shipped copy to the cached one, and needs both to be really there', () => {
    const both = { listed: new Set(['gpt2']), cached: new Set(['gpt2-hub']) };
    expect(gpt2WithoutDownload(entries, both)?.id).toBe('gpt2-local');
    expect(gpt2WithoutDownload(entries, { listed: null, cached: new Set() })).toBeUndefined();
    expect(
      gpt2WithoutDownload(entries, { listed: new Set(['gpt2-mini-circuits']), cached: new Set() }),
    ).toBeUndefined();
  });

  it('is the first bundled model otherwise, never a download', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
      asked.push(String(url));
      return server([bundled.id])(url, init);
    }) as typeof fetch;
    expect(await chooseDefaultModel(entries, { fetchImpl, cache: new FakeCache() })).toBe(bundled.id);
    expect(asked.some((u) => u.includes('huggingface'))).toBe(false);
  });
});
