/// <reference lib="webworker" />
/**
 * The model's Web Worker: receives protocol requests, answers through the host.
 * Kept tiny so the host stays testable outside a worker.
 */
import { createHost } from './host';
import { loadBrowserModel } from './load-model';
import type { WorkerRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const host = createHost({
  loadModel: loadBrowserModel,
  post: (message, transfer) => scope.postMessage(message, transfer),
});

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => host.handle(event.data));
