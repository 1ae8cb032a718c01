/**
 * What the model picker says about each model: pure functions of the catalog entry, the
 * store's model status and what probing found (files present, sizes, cached or not).
 */
import type { CatalogEntry } from '../../hub/catalog';
import { CONVERTING } from '../../hub/hub';
import { normalizeEndpoint } from '../../hub/hub-repo';
import type { ModelStatus } from '../../store';

/** What probing an entry found. */
export interface Probe {
  /** model.json answers (bundled and local models), or the Hub entry's conversion is cached. */
  available: boolean;
  /** Bytes of the model in our float16 format (the download of a bundled or local model). */
  storedBytes: number | null;
  /** Hub entries: bytes of the checkpoint download. */
  downloadBytes?: number;
  /** Hub entries: whether this browser offers a cache at all. */
  cacheUsable?: boolean;
}

export type EntryState =
  | { kind: 'running' }
  | { kind: 'loading'; percent: number | null; converting: boolean }
  | { kind: 'failed'; message: string }
  /** Not probed yet. */
  | { kind: 'checking' }
  /** Bundled or local model whose files are not there. */
  | { kind: 'missing' }
  /** Bundled or local model ready to load. */
  | { kind: 'available' }
  /** Hub model converted and kept in this browser. */
  | { kind: 'cached' }
  | { kind: 'not-downloaded' };

export function entryState(entry: CatalogEntry, model: ModelStatus, probe: Probe | undefined): EntryState {
  if (model.modelId === entry.id) {
    if (model.phase === 'ready') return { kind: 'running' };
    if (model.phase === 'loading') {
      const p = model.progress;
      const percent = p && p.total > 0 ? Math.floor((100 * p.loaded) / p.total) : null;
      return { kind: 'loading', percent, converting: p?.file === CONVERTING };
    }
    if (model.phase === 'error') return { kind: 'failed', message: model.error ?? '' };
  }
  if (!probe) return { kind: 'checking' };
  if (entry.hub) return { kind: probe.available ? 'cached' : 'not-downloaded' };
  return { kind: probe.available ? 'available' : 'missing' };
}

/** Whether the entry's load button does something now. */
export const canLoad = (state: EntryState): boolean =>
  state.kind === 'available' || state.kind === 'cached' || state.kind === 'not-downloaded' || state.kind === 'failed';

/** The model to offer when the chosen one failed: the first bundled model whose files answer. */
export function bundledFallback(
  entries: readonly CatalogEntry[],
  probes: ReadonlyMap<string, Probe>,
): CatalogEntry | undefined {
  return entries.find((e) => !e.hub && !e.local && probes.get(e.id)?.available);
}

/**
 * Why a successfully loaded Hub model will download again next visit, or null when it is
 * cached. Checked after loading, from the page's side of Cache Storage.
 */
export function cacheNotice(
  entry: CatalogEntry | undefined,
  model: ModelStatus,
  probe: Probe | undefined,
): 'unavailable' | 'not-kept' | null {
  if (!entry?.hub || model.modelId !== entry.id || model.phase !== 'ready' || !probe) return null;
  if (probe.available) return null;
  return probe.cacheUsable ? 'not-kept' : 'unavailable';
}

/** The ?hub= value when it is present but unusable (the catalog then uses huggingface.co). */
export function badHubParam(search: string): string | null {
  const raw = new URLSearchParams(search).get('hub');
  if (!raw) return null;
  try {
    normalizeEndpoint(raw);
    return null;
  } catch {
    return raw;
  }
}
