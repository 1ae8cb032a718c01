/**
 * How React components reach the store: <StoreProvider store={...}> at the root, then
 * useApp(selector) to read (re-rendering only when the selected value changes),
 * useActions() to get the actions, and useFollowUp(method, ...args) for a worker result of
 * the current trace. Panels never write state any other way.
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkerResult } from '../worker/api';
import type { AppStore } from './app-store';
import { requestKey, selectRequested, type FollowUpArgs, type FollowUpMethod, type Requested } from './requests';
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

/**
 * A WORKER_API follow-up of the current trace (the trace id is passed for you), asked when a
 * component first shows it and again for each new trace or other arguments; see requests.ts.
 */
export function useFollowUp<K extends FollowUpMethod>(method: K, ...args: FollowUpArgs<K>): Requested<WorkerResult<K>> {
  const store = useAppStore();
  const traceId = useStore(store, (s) => s.trace.traceId);
  const key = traceId === null ? null : requestKey(method, traceId, args);
  useEffect(() => {
    if (key !== null) void store.getState().actions.request(method, ...args);
    // args is a new array on every render; key carries its contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, key]);
  return useStore(store, (s) => selectRequested(s, method, args));
}
