/** Starts the model worker (a module worker, bundled by Vite) and returns a client for it. */
import { createModelClient, type MessagePortLike, type ModelClient } from './client';
import type { WorkerApi } from './api';
import type { Request, Response } from './rpc';
import { workerErrorMessage } from './worker-error';

const startWorker = () => new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'model' });

/**
 * A port over the model worker that survives it: when the worker reports an error that no
 * request caught (a failed script load, an out-of-memory abort), it is ended and reported
 * as crashed, and the next message starts a new one.
 */
export function respawningPort(start: () => Worker = startWorker): MessagePortLike {
  const messageListeners: ((event: MessageEvent<Response>) => void)[] = [];
  const crashListeners: ((message: string) => void)[] = [];
  let worker: Worker | null = null;

  const current = (): Worker => {
    if (worker) return worker;
    const w = start();
    w.addEventListener('message', (event: MessageEvent<Response>) => messageListeners.forEach((l) => l(event)));
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      if (worker !== w) return;
      w.terminate();
      worker = null;
      const message = workerErrorMessage(event.message);
      crashListeners.forEach((l) => l(message));
    });
    worker = w;
    return w;
  };

  return {
    postMessage: (message: Request<WorkerApi>) => current().postMessage(message),
    addEventListener: (_type, listener) => messageListeners.push(listener),
    onCrash: (listener) => crashListeners.push(listener),
    terminate() {
      worker?.terminate();
      worker = null;
    },
  };
}

export function spawnModelWorker(): ModelClient {
  return createModelClient(respawningPort());
}
