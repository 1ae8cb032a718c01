/**
 * The worker protocol without a Worker: a real client and a real host joined by
 * asynchronous, structured-cloned messages, with the real runtime on the wasm backend.
 */
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/model/node-source';
import { nodeWasmPaths } from '../../src/model/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { loadWeights } from '../../src/model/weights';
import { createModelClient, type ModelClient } from '../../src/worker/client';
import { createHost, type ModelLoader } from '../../src/worker/host';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol';

/** Loads weights/<model.id> from disk onto TF.js's wasm backend (much faster than cpu in Node). */
export const loadFromDisk: ModelLoader = async (model, _backends, onProgress) => {
  await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  const { config, tensors, totalBytes } = await loadWeights(dirSource(`weights/${model.id}`), onProgress);
  return { runtime: await createRuntime(config, tensors), totalBytes };
};

export interface Wire {
  client: ModelClient;
  /** Every request the client sent, in order. */
  sent: WorkerRequest[];
  /** Every message the host posted, in order. */
  received: WorkerResponse[];
  /** Sends raw requests straight to the host, all in one tick (for protocol tests). */
  raw(...requests: WorkerRequest[]): void;
}

export function inProcessWire(loadModel: ModelLoader = loadFromDisk): Wire {
  const listeners: ((e: MessageEvent<WorkerResponse>) => void)[] = [];
  const sent: WorkerRequest[] = [];
  const received: WorkerResponse[] = [];
  const host = createHost({
    loadModel,
    post: (message) => {
      const copy = structuredClone(message);
      received.push(copy);
      setTimeout(() => listeners.forEach((l) => l({ data: copy } as MessageEvent<WorkerResponse>)), 0);
    },
  });
  const raw = (...requests: WorkerRequest[]) =>
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
