import { describe, expect, it } from 'vitest';
import { buildCatalog, firstAvailable, hubEndpointFrom } from '../../src/hub/catalog';

describe('catalog', () => {
  it('takes the Hub address from ?hub=, ignoring values that are not http(s) URLs', () => {
    expect(hubEndpointFrom('')).toBe('https://huggingface.co');
    expect(hubEndpointFrom('?hub=https://hf-mirror.com/')).toBe('https://hf-mirror.com');
    expect(hubEndpointFrom('?hub=javascript:alert(1)')).toBe('https://huggingface.co');
  });

  it('names a Hub mirror by its host, so the page says where GPT-2 comes from', () => {
    const hub = buildCatalog('https://hf-mirror.com').find((e) => e.hub)!;
    expect(hub.name).toBe('GPT-2 small (hf-mirror.com)');
    expect(hub.hub).toEqual({ endpoint: 'https://hf-mirror.com', repo: 'openai-community/gpt2', revision: 'main' });
  });

  it('never picks a local or Hub model as the default, and keeps a bundled model last', async () => {
    const entries = buildCatalog();
    const asked: string[] = [];
    const json = async (url: RequestInfo | URL) => {
      asked.push(String(url));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    };
    const missingFirst = async (url: RequestInfo | URL) =>
      String(url).includes('mini-circuits') ? new Response('', { status: 404 }) : json(url);
    expect((await firstAvailable(entries, json as typeof fetch))?.id).toBe('gpt2-mini-circuits');
    expect((await firstAvailable(entries, missingFirst as typeof fetch))?.id).toBe('tiny-random');
    expect(asked.some((u) => u.includes('weights/gpt2/') || u.includes('huggingface'))).toBe(false);
    const last = entries[entries.length - 1];
    expect(last.hub ?? last.local).toBeUndefined();
  });
});
