/**
 * The worker RPC without a Worker: a real client and a real host joined by
 * asynchronous, structured-cloned messages, with the real runtime on the wasm backend.
 */
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { loadWeights } from '../../src/weights/weights';
import { createModelClient, type ModelClient } from '../../src/worker/client';
import { createHost, type ModelLoader } from '../../src/worker/host';
import type { WorkerApi } from '../../src/worker/api';
import type { Request, Response } from '../../src/worker/rpc';

/** Loads weights/<model.id> from disk onto TF.js's wasm backend (much faster than cpu in Node). */
export const loadFromDisk: ModelLoader = async (model, _backends, onProgress) => {
  await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  const { config, tensors, totalBytes } = await loadWeights(dirSource(`weights/${model.id}`), onProgress);
  return { runtime: await createRuntime(config, tensors), totalBytes };
};

export interface Wire {
  client: ModelClient;
  /** Every request the client sent, in order. */
  sent: Request<WorkerApi>[];
  /** Every message the host posted, in order. */
  received: Response[];
  /** Sends raw requests straight to the host, all in one tick (for protocol tests). */
  raw(...requests: Request<WorkerApi>[]): void;
}

export function inProcessWire(loadModel: ModelLoader = loadFromDisk): Wire {
  const listeners: ((e: MessageEvent<Response>) => void)[] = [];
  const sent: Request<WorkerApi>[] = [];
  const received: Response[] = [];
  const host = createHost({
    loadModel,
    post: (message) => {
      const copy = structuredClone(message);
      received.push(copy);
      setTimeout(() => listeners.forEach((l) => l({ data: copy } as MessageEvent<Response>)), 0);
    },
  });
  const raw = (...requests: Request<WorkerApi>[]) =>
    setTimeout(() => requests.forEach((r) => host.handle(structuredClone(r))), 0);
  const client = createModelClient({
    postMessage: (request) => {
      sent.push(request);
      raw(request);
    },
    addEventListener: (_type, listener) => listeners.push(listener),
  });
  return { client, sent, received, raw };
}

export const TINY = { id: 'tiny-random', url: './weights/tiny-random/' };
