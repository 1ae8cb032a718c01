/**
 * The models the page can load. URLs are relative to the page (weights/ is served at
 * ./weights/ in dev and preview and copied into the build). Add an entry here to offer
 * another model; the first entry whose model.json is reachable is the default.
 */
export interface CatalogEntry {
  id: string;
  name: string;
  /** Folder URL holding model.json and its shards; ends with "/". */
  url: string;
  description: string;
}

export const catalog: CatalogEntry[] = [
  {
    id: 'gpt2-mini-brown',
    name: 'GPT-2 mini (Brown corpus)',
    url: './weights/gpt2-mini-brown/',
    description: 'A 4-layer GPT-2 trained for this project on the Brown corpus, with the GPT-2 tokenizer.',
  },
  {
    id: 'tiny-random',
    name: 'Tiny random GPT-2',
    url: './weights/tiny-random/',
    description: 'A 2-layer GPT-2 with random weights: the real computation, meaningless predictions.',
  },
];

export function findModel(id: string): CatalogEntry | undefined {
  return catalog.find((m) => m.id === id);
}

/** The first catalog entry whose model.json answers, or undefined when none does. */
export async function firstAvailable(
  entries: readonly CatalogEntry[],
  fetchImpl: typeof fetch = fetch,
): Promise<CatalogEntry | undefined> {
  for (const entry of entries) {
    try {
      const res = await fetchImpl(`${entry.url}model.json`, { method: 'HEAD' });
      // A dev server may answer a missing file with its index.html; only JSON counts.
      if (res.ok && (res.headers.get('content-type') ?? '').includes('json')) return entry;
    } catch {
      // Unreachable: try the next one.
    }
  }
  return undefined;
}
