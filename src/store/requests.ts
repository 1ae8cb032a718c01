/**
 * On-request results of the current trace, asked for by the panel that shows them
 * (`useFollowUp` in react.tsx), so a new computation needs no state or action of its own.
 * Any WORKER_API method whose first argument is the trace id can be asked: the answer is
 * kept under the method, the trace id and the other arguments, asked once per key, and
 * dropped when a newer trace has replaced the one it was asked for.
 */
import { isSuperseded, type ModelClient } from '../worker/client';
import type { WorkerArgs, WorkerMethod, WorkerResult } from '../worker/api';
import { messageOf } from './limits';
import type { AppState } from './state';

/** The methods that work on a trace: those whose first argument is its id. */
export type FollowUpMethod = {
  [K in WorkerMethod]: WorkerArgs<K> extends [traceId: number, ...rest: unknown[]] ? K : never;
}[WorkerMethod];

/** A follow-up's arguments after the trace id. */
export type FollowUpArgs<K extends FollowUpMethod> = WorkerArgs<K> extends [number, ...infer Rest] ? Rest : never;

export type Requested<R> =
  /** No trace to ask about yet. */
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; value: R }
  /** error: one line, never a stack trace. */
  | { status: 'error'; error: string };

export interface RequestsState {
  /** The trace the entries belong to; entries of another trace are never read. */
  traceId: number | null;
  entries: Readonly<Record<string, Requested<unknown>>>;
}

export const EMPTY_REQUESTS: RequestsState = { traceId: null, entries: {} };

export const requestKey = (method: string, traceId: number, args: readonly unknown[]): string =>
  JSON.stringify([method, traceId, ...args]);

/** The entry of a request for the store's current trace (idle without a trace, loading before it is asked). */
export function selectRequested<K extends FollowUpMethod>(
  s: AppState,
  method: K,
  args: FollowUpArgs<K>,
): Requested<WorkerResult<K>> {
  const { traceId } = s.trace;
  if (traceId === null) return IDLE;
  const entry = s.requests.traceId === traceId ? s.requests.entries[requestKey(method, traceId, args)] : undefined;
  return (entry ?? LOADING) as Requested<WorkerResult<K>>;
}

const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;

type SetState = (fn: (s: AppState) => Partial<AppState>) => void;

export function createRequestAction(client: ModelClient, get: () => AppState, set: SetState) {
  /** Writes one entry (undefined: removes it), only while its trace is still the current one. */
  const put = (traceId: number, key: string, entry: Requested<unknown> | undefined) =>
    set((s) => {
      if (s.trace.traceId !== traceId) return {};
      const entries = { ...(s.requests.traceId === traceId ? s.requests.entries : {}) };
      if (entry) entries[key] = entry;
      else delete entries[key];
      return { requests: { traceId, entries } };
    });

  return async function request<K extends FollowUpMethod>(method: K, ...args: FollowUpArgs<K>): Promise<void> {
    const { trace, requests } = get();
    const { traceId } = trace;
    if (traceId === null) return;
    const key = requestKey(method, traceId, args);
    if (requests.traceId === traceId && key in requests.entries) return;
    put(traceId, key, LOADING);
    const call = client.call(method, [traceId, ...args] as unknown as WorkerArgs<K>);
    try {
      put(traceId, key, { status: 'done', value: await call.result });
    } catch (e) {
      // Superseded: a newer trace is on its way; forgetting the entry lets a later visit ask again.
      put(traceId, key, isSuperseded(e) ? undefined : { status: 'error', error: messageOf(e) });
    }
  };
}
