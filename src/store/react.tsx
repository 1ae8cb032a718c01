/**
 * How React components reach the store: <StoreProvider store={...}> at the root, then
 * useApp(selector) to read (re-rendering only when the selected value changes) and
 * useActions() to get the actions. Panels never write state any other way.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './app-store';
import type { AppActions, AppState } from './state';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp must be used inside <StoreProvider>');
  return store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

export function useActions(): AppActions {
  return useStore(useAppStore(), (s) => s.actions);
}
