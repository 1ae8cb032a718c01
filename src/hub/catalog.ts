/**
 * The models the page can load. URLs are relative to the page (weights/ is served at
 * ./weights/ in dev and preview and copied into the build). Add an entry here to offer
 * another model. The page opens on GPT-2 small when it needs no download (src/app/default-model.ts),
 * else on the first bundled entry whose model.json is reachable.
 *
 * Order matters: the last entry is the fallback when none answers, so it stays a bundled
 * model. A download of GPT-2 small (hundreds of megabytes) only ever follows a person's choice.
 */
import { DEFAULT_HUB_ENDPOINT, GPT2_SMALL_REPO, normalizeEndpoint, type HubRepo } from './hub-repo';

export interface CatalogEntry {
  id: string;
  name: string;
  /** Folder URL holding model.json and its shards; ends with "/". For Hub entries, the Hub page of the repo. */
  url: string;
  description: string;
  /** Made on this machine by a script (not part of a build): offered only when its model.json answers. */
  local?: boolean;
  /** Downloaded from the Hugging Face Hub and converted in the page (see src/hub/hub.ts). */
  hub?: HubRepo;
}

/**
 * The Hub address: huggingface.co, or the ?hub=<url> of the page's address (a mirror such as
 * https://hf-mirror.com, or a local server in tests). An invalid value is ignored here and
 * reported by the model picker.
 */
export function hubEndpointFrom(search: string): string {
  const raw = new URLSearchParams(search).get('hub');
  if (!raw) return DEFAULT_HUB_ENDPOINT;
  try {
    return normalizeEndpoint(raw);
  } catch {
    return DEFAULT_HUB_ENDPOINT;
  }
}

export function buildCatalog(hubEndpoint: string = DEFAULT_HUB_ENDPOINT): CatalogEntry[] {
  const hub: HubRepo = { endpoint: hubEndpoint, repo: GPT2_SMALL_REPO, revision: 'main' };
  return [
    {
      id: 'gpt2-mini-circuits',
      name: 'GPT-2 mini (circuits)',
      url: './weights/gpt2-mini-circuits/',
      description:
        'A 4-layer GPT-2 trained for this project on the Brown corpus and on text that repeats itself, ' +
        'so that it has a previous-token head and an induction head to find and switch off.',
    },
    {
      id: 'gpt2-local',
      name: 'GPT-2 small (local)',
      url: './weights/gpt2/',
      description: "OpenAI's GPT-2 small (124M parameters), converted on this machine by npm run fetch-gpt2.",
      local: true,
    },
    {
      id: 'gpt2-hub',
      name:
        hubEndpoint === DEFAULT_HUB_ENDPOINT
          ? 'GPT-2 small (Hugging Face Hub)'
          : `GPT-2 small (${new URL(hubEndpoint).host})`,
      url: `${hubEndpoint}/${GPT2_SMALL_REPO}`,
      description: "OpenAI's GPT-2 small (124M parameters), downloaded from the Hub and kept in this browser.",
      hub,
    },
    {
      id: 'tiny-random',
      name: 'Tiny random GPT-2',
      url: './weights/tiny-random/',
      description: 'A 2-layer GPT-2 with random weights: the real computation, meaningless predictions.',
    },
  ];
}

export const catalog: CatalogEntry[] = buildCatalog(
  hubEndpointFrom(typeof location === 'undefined' || typeof document === 'undefined' ? '' : location.search),
);

export function findModel(id: string): CatalogEntry | undefined {
  return catalog.find((m) => m.id === id);
}

/** The first bundled catalog entry whose model.json answers, or undefined when none does. */
export async function firstAvailable(
  entries: readonly CatalogEntry[],
  fetchImpl: typeof fetch = fetch,
): Promise<CatalogEntry | undefined> {
  for (const entry of entries) {
    if (entry.hub || entry.local) continue;
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
