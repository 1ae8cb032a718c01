import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/hub/catalog';
import { listedModels, probeEntry } from '../../../src/panels/model-picker/probe';

const entries = buildCatalog();
const byId = (id: string) => entries.find((e) => e.id === id)!;

const noCache = async () => ({ usable: false, bytes: null });

describe('probeEntry', () => {
  it('reads a model.json for availability and the bytes of its shards', async () => {
    const fetchImpl = (async () =>
      new Response(
        JSON.stringify({
          shards: [
            { path: 'a', bytes: 4194304 },
            { path: 'b', bytes: 1000 },
          ],
        }),
      )) as unknown as typeof fetch;
    expect(await probeEntry(byId('gpt2-local'), fetchImpl, noCache)).toEqual({ available: true, storedBytes: 4195304 });
  });

  it('counts a 404 or an HTML page as not available', async () => {
    const notFound = (async () => new Response('not found', { status: 404 })) as unknown as typeof fetch;
    const html = (async () =>
      new Response('<!DOCTYPE html><html></html>', {
        headers: { 'content-type': 'text/html' },
      })) as unknown as typeof fetch;
    expect((await probeEntry(byId('gpt2-local'), notFound, noCache)).available).toBe(false);
    expect((await probeEntry(byId('gpt2-local'), html, noCache)).available).toBe(false);
  });

  it('asks no model.json of a folder weights/index.json does not list', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ shards: [{ path: 'a', bytes: 10 }] }));
    }) as unknown as typeof fetch;
    const listed = new Set(['gpt2-mini-circuits', 'tiny-random']);
    expect(await probeEntry(byId('gpt2-local'), fetchImpl, noCache, listed)).toEqual({
      available: false,
      storedBytes: null,
    });
    expect(asked).toEqual([]);
    expect(await probeEntry(byId('tiny-random'), fetchImpl, noCache, listed)).toEqual({
      available: true,
      storedBytes: 10,
    });
    expect(asked).toEqual(['./weights/tiny-random/model.json']);
    // Without an index every model.json is asked, as before.
    expect((await probeEntry(byId('gpt2-local'), fetchImpl, noCache, null)).available).toBe(true);
  });

  it('reads the index, and trusts no answer that is not one', async () => {
    const answer = (body: string, status = 200) =>
      (async () => new Response(body, { status })) as unknown as typeof fetch;
    expect(await listedModels(answer('{"models":["tiny-random"]}'))).toEqual(new Set(['tiny-random']));
    expect(await listedModels(answer('not found', 404))).toBeNull();
    expect(await listedModels(answer('<!DOCTYPE html><html></html>'))).toBeNull();
    expect(await listedModels(answer('{"models":[1]}'))).toBeNull();
    expect(
      await listedModels((async () => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch),
    ).toBeNull();
  });

  it("states GPT-2 small's Hub sizes before download: the published checkpoint and its float16 conversion", async () => {
    const p = await probeEntry(byId('gpt2-hub'), fetch, async () => ({ usable: true, bytes: null }));
    expect(p).toEqual({
      available: false,
      storedBytes: 124_439_808 * 2,
      downloadBytes: 548_105_171 + 665,
      cacheUsable: true,
    });
    const none = async () => ({ usable: false, bytes: null });
    expect((await probeEntry(byId('gpt2-hub'), fetch, none)).cacheUsable).toBe(false);
  });
});
