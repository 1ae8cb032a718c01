import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/model/catalog';
import { probeEntry } from '../../../src/panels/model-picker/probe';
import { FakeCache } from '../../model/fake-cache';

const entries = buildCatalog();
const byId = (id: string) => entries.find((e) => e.id === id)!;

describe('probeEntry', () => {
  it('reads a model.json for availability and the bytes of its shards', async () => {
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ shards: [{ path: 'a', bytes: 4194304 }, { path: 'b', bytes: 1000 }] }))) as unknown as typeof fetch;
    expect(await probeEntry(byId('gpt2-local'), fetchImpl, null)).toEqual({ available: true, storedBytes: 4195304 });
  });

  it('counts a 404 or an HTML page as not available', async () => {
    const notFound = (async () => new Response('not found', { status: 404 })) as unknown as typeof fetch;
    const html = (async () => new Response('<!DOCTYPE html><html></html>', { headers: { 'content-type': 'text/html' } })) as unknown as typeof fetch;
    expect((await probeEntry(byId('gpt2-local'), notFound, null)).available).toBe(false);
    expect((await probeEntry(byId('gpt2-local'), html, null)).available).toBe(false);
  });

  it("states GPT-2 small's Hub sizes before download: the published checkpoint and its float16 conversion", async () => {
    const p = await probeEntry(byId('gpt2-hub'), fetch, new FakeCache());
    expect(p).toEqual({ available: false, storedBytes: 124_439_808 * 2, downloadBytes: 548_105_171 + 665, cacheUsable: true });
    expect((await probeEntry(byId('gpt2-hub'), fetch, null)).cacheUsable).toBe(false);
  });
});
