/** Starts the model worker (a module worker, bundled by Vite) and returns a client for it. */
import { createModelClient, type ModelClient } from './client';

export function spawnModelWorker(): ModelClient {
  const worker = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module', name: 'model' });
  return createModelClient(worker);
}
