/// <reference lib="webworker" />
/**
 * The model's Web Worker: receives RPC requests, answers through the host.
 * Kept tiny so the host stays testable outside a worker.
 */
import { createHost } from './host';
import { loadBrowserModel } from './load-model';
import type { WorkerApi } from './api';
import { openCacheStorage } from '../hub/model-cache';
import type { Request } from './rpc';
import { watchWebglContext, webglContextLost } from './webgl-loss';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// On a lost WebGL context a request may never finish, and a reply holds wrong numbers, so
// none is sent: the worker reports itself crashed instead (an uncaught error reaches the
// page's Worker), the page fails what is waiting with that message, and its next request
// starts a fresh worker with a new context (see spawn.ts).
let lost = false;
const reportLost = () => {
  if (lost) return;
  lost = true;
  scope.reportError(new Error('the WebGL context was lost'));
};

const host = createHost({
  loadModel: loadBrowserModel,
  modelCache: () => openCacheStorage(),
  post: (message, transfer) => {
    // The first reply after a load is the earliest moment the backend's canvas exists.
    watchWebglContext(reportLost);
    if (webglContextLost()) reportLost();
    if (!lost) scope.postMessage(message, transfer);
  },
});

scope.addEventListener('message', (event: MessageEvent<Request<WorkerApi>>) => host.handle(event.data));
