/**
 * Which model the page opens on when the link names none. GPT-2 small comes first whenever
 * it costs the visitor no download: shipped by the site (weights/gpt2 was there when the site
 * was built, or is served in dev after `npm run fetch-gpt2`), or converted and kept in this
 * browser on an earlier visit. Otherwise the first bundled model whose files answer, and as a
 * last resort the catalog's last entry (a bundled model too).
 */
import { firstAvailable, type CatalogEntry } from '../hub/catalog';
import { isHubModelCached } from '../hub/hub';
import type { ModelCache } from '../hub/model-cache';
import { listedModels } from '../panels/model-picker/probe';
import { weightsFolder } from './weights-index';

export interface Availability {
  /** Folders weights/index.json lists, or null when the server has no index. */
  listed: ReadonlySet<string> | null;
  /** Ids of Hub entries whose conversion is in this browser's cache. */
  cached: ReadonlySet<string>;
}

/** The GPT-2 small entry that can run with no download, shipped before cached; undefined when neither is there. */
export function gpt2WithoutDownload(entries: readonly CatalogEntry[], a: Availability): CatalogEntry | undefined {
  const shipped = entries.find((e) => e.local && a.listed?.has(weightsFolder(e.url) ?? ''));
  return shipped ?? entries.find((e) => e.hub && a.cached.has(e.id));
}

export interface DefaultModelDeps {
  fetchImpl?: typeof fetch;
  /** This browser's cache of Hub conversions (null where the browser offers none). */
  cache: ModelCache | null;
}

/** What this server and this browser hold of the catalog's models, asking nothing it need not. */
export async function availability(entries: readonly CatalogEntry[], deps: DefaultModelDeps): Promise<Availability> {
  const fetchImpl = deps.fetchImpl ?? fetch;
  const hubs = entries.filter((e) => e.hub);
  const [listed, hits] = await Promise.all([
    listedModels(fetchImpl),
    Promise.all(hubs.map((e) => isHubModelCached(e.hub!, deps.cache))),
  ]);
  return { listed, cached: new Set(hubs.filter((_, i) => hits[i]).map((e) => e.id)) };
}

export async function chooseDefaultModel(entries: readonly CatalogEntry[], deps: DefaultModelDeps): Promise<string> {
  const gpt2 = gpt2WithoutDownload(entries, await availability(entries, deps));
  if (gpt2) return gpt2.id;
  return ((await firstAvailable(entries, deps.fetchImpl)) ?? entries[entries.length - 1]).id;
}
