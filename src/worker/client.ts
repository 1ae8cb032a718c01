/**
 * The page's side of the RPC (rpc.ts): one typed method per entry of api.ts, derived from
 * its type, each returning a promise; events (progress, generated tokens) go to the
 * listener passed after the arguments; error messages become RequestError. It knows nothing
 * of TF.js; the port can be a real Worker or, in tests, an in-process host.
 *
 * api.ts is imported for its types only: its handlers run TF.js code, which must stay out of
 * the page's bundle. So the methods are made on first use of their name, and what to replay
 * after a crash is marked by the host on the result.
 */
import type { WorkerApi, WorkerArgs, WorkerMethod, WorkerResult } from './api';
import { RequestError, type Call, type ClientMethods, type EventOf, type Request, type Response } from './rpc';

export { RequestError } from './rpc';

/** What the client needs from a Worker (or a stand-in that speaks the same messages). */
export interface MessagePortLike {
  postMessage(message: Request<WorkerApi>): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Response>) => void): void;
  /**
   * Reports that the worker died (or threw outside any request): its pending replies will
   * never come. The next message starts a fresh worker (see spawn.ts).
   */
  onCrash?(listener: (message: string) => void): void;
  terminate?(): void;
}

/** The reason a request failed because its worker died, or null for any other failure. */
export const crashReason = (e: unknown): string | null =>
  e instanceof RequestError && e.code === 'crashed' ? (e.reason ?? e.message) : null;

/** True for errors that only mean "this answer is no longer wanted": not worth showing. */
export const isSuperseded = (e: unknown): boolean =>
  e instanceof RequestError && (e.code === 'cancelled' || e.code === 'stale');

export type TraceResult = WorkerResult<'trace'>;

export interface ModelClient extends ClientMethods<WorkerApi> {
  /** Sends a request and returns its id with its result, so that it can be cancelled. */
  call<K extends WorkerMethod>(
    method: K,
    args: WorkerArgs<K>,
    onEvent?: (event: EventOf<WorkerApi[K]>) => void,
  ): Call<WorkerResult<K>>;
  /** Ends a running request at its next turn (a generation after its current token). */
  cancel(id: number): void;
  dispose(): void;
}

interface Pending {
  request: Request<WorkerApi>;
  resolve: (value: unknown) => void;
  reject: (e: RequestError) => void;
  onEvent?: (value: unknown) => void;
}

export function createModelClient(port: MessagePortLike): ModelClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** The last successful call a fresh worker must see first (the model load), and whether it must. */
  let replay: Request<WorkerApi> | null = null;
  let replayDue = false;

  // A crashed worker answers nothing: fail what is waiting, and have the fresh worker load
  // the same model before the next request, so the page carries on where it was.
  port.onCrash?.((message) => {
    const error = new RequestError(
      'crashed',
      `the model worker stopped (${message}); the next request restarts it`,
      message,
    );
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    replayDue = replay !== null;
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'event') return p.onEvent?.(msg.value);
    pending.delete(msg.id);
    if (msg.type === 'error') return p.reject(new RequestError(msg.code, msg.message));
    if (msg.replay) replay = p.request;
    p.resolve(msg.value);
  });

  function send(request: Request<WorkerApi>, onEvent?: (value: unknown) => void): Promise<unknown> {
    const result = new Promise((resolve, reject) => pending.set(request.id, { request, resolve, reject, onEvent }));
    port.postMessage(request);
    return result;
  }

  function call<K extends WorkerMethod>(
    method: K,
    args: WorkerArgs<K>,
    onEvent?: (event: EventOf<WorkerApi[K]>) => void,
  ): Call<WorkerResult<K>> {
    // A new call of the replayed method (another model) takes the replay's place.
    if (replay?.method === method) replayDue = false;
    else if (replayDue && replay) {
      replayDue = false;
      // Queued first in the fresh worker; if it fails, the request after it says "no model is loaded".
      send({ ...replay, id: nextId++ }).catch(() => undefined);
    }
    const id = nextId++;
    const request = { id, method, args } as Request<WorkerApi>;
    const result = send(request, onEvent as (value: unknown) => void) as Promise<WorkerResult<K>>;
    return { id, result };
  }

  // A method of the API as a function of its arguments (and, last, its event listener).
  const methodOf =
    (m: WorkerMethod) =>
    (...args: unknown[]) => {
      const onEvent = typeof args.at(-1) === 'function' ? (args.pop() as (e: unknown) => void) : undefined;
      // Trailing undefined arguments (an optional one left out before the listener) travel as they are.
      return call(m, args as WorkerArgs<typeof m>, onEvent).result;
    };

  const own: Pick<ModelClient, 'call' | 'cancel' | 'dispose'> = {
    call,
    cancel(id) {
      port.postMessage({ id: nextId++, method: 'cancel', target: id });
    },
    dispose() {
      for (const p of pending.values()) p.reject(new RequestError('cancelled', 'the model was closed'));
      pending.clear();
      port.terminate?.();
    },
  };
  // 'then' stays undefined, so the client is not mistaken for a promise.
  const methods = new Map<string, unknown>();
  return new Proxy(own, {
    get(target, name, receiver) {
      if (typeof name !== 'string' || name in target || name === 'then') return Reflect.get(target, name, receiver);
      if (!methods.has(name)) methods.set(name, methodOf(name as WorkerMethod));
      return methods.get(name);
    },
  }) as ModelClient;
}
