/**
 * The hovered number, kept outside React state: charts write it on every pointer move and
 * only the readout re-renders, never the charts themselves. UI-only state, so it does
 * not belong in the app store.
 */
import { useSyncExternalStore } from 'react';
import type { HoverInfo } from '../../ui/hover-info';

export interface HoverStore {
  get(): HoverInfo | null;
  set(info: HoverInfo | null): void;
  subscribe(listener: () => void): () => void;
}

export function createHoverStore(): HoverStore {
  let current: HoverInfo | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(info) {
      if (info === current) return;
      current = info;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useHover = (store: HoverStore): HoverInfo | null =>
  useSyncExternalStore(store.subscribe, store.get, store.get);
