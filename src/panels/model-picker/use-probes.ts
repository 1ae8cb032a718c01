/**
 * What every catalog model has on offer (see probe.ts), shared by the picker and its notices
 * so the page asks once. Probed again when a load settles (a download may have filled the
 * cache) and after a deletion.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { CatalogEntry } from '../../hub/catalog';
import { useActions, type ModelStatus } from '../../store';
import type { Probe } from './picker-state';
import { listedModels, probeEntry } from './probe';

interface ProbeState {
  /** What the current probes were taken for: a settled load and a deletion count. */
  key: string | null;
  deletions: number;
  probes: ReadonlyMap<string, Probe>;
}

const useProbeStore = create<ProbeState>()(() => ({ key: null, deletions: 0, probes: new Map() }));

/** Call after removing a model from the cache, so every view probes again. */
export const probeAgain = (): void => useProbeStore.setState((s) => ({ deletions: s.deletions + 1 }));

export function useProbes(entries: readonly CatalogEntry[], model: ModelStatus): ReadonlyMap<string, Probe> {
  const deletions = useProbeStore((s) => s.deletions);
  const { cachedModel } = useActions();
  const key = `${model.phase === 'loading' ? 'busy' : `${model.modelId}:${model.phase}`}#${deletions}`;
  useEffect(() => {
    if (useProbeStore.getState().key === key) return;
    useProbeStore.setState({ key });
    void (async () => {
      const listed = await listedModels(fetch);
      const probes = new Map(
        await Promise.all(entries.map(async (e) => [e.id, await probeEntry(e, fetch, cachedModel, listed)] as const)),
      );
      if (useProbeStore.getState().key === key) useProbeStore.setState({ probes });
    })();
  }, [entries, key, cachedModel]);
  return useProbeStore((s) => s.probes);
}
