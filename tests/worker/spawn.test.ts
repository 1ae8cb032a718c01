/**
 * A worker that dies: the requests it had are failed with a "crashed" message (never left
 * waiting), and the next request starts a fresh worker that loads the same model first.
 * The Worker is a stand-in running the real host in this process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { loadWeights } from '../../src/weights/weights';
import { encodeToIds } from '../../src/tokenizer';
import { createModelClient, RequestError } from '../../src/worker/client';
import { createHost } from '../../src/worker/host';
import type { WorkerApi } from '../../src/worker/api';
import type { Request, Response } from '../../src/worker/rpc';
import { respawningPort } from '../../src/worker/spawn';

/** Enough of a Worker for respawningPort: messages to and from a real host, and a way to make it crash. */
class FakeWorker {
  readonly requests: Request<WorkerApi>[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  private readonly host = createHost({
    loadModel: async () => {
      const { config, tensors, totalBytes } = await loadWeights(dirSource('weights/tiny-random'));
      return { runtime: await createRuntime(config, tensors), totalBytes };
    },
    post: (message: Response) => setTimeout(() => !this.terminated && this.emit('message', { data: message })),
  });

  addEventListener(type: string, listener: (event: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(request: Request<WorkerApi>) {
    this.requests.push(request);
    setTimeout(() => !this.terminated && this.host.handle(request));
  }
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    this.emit('error', { message, preventDefault() {} });
  }
  private emit(type: string, event: unknown) {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
});

describe('a crashed model worker', () => {
  it('fails the waiting requests with one line, then restarts and reloads the model on the next request', async () => {
    const workers: FakeWorker[] = [];
    const client = createModelClient(
      respawningPort(() => (workers.push(new FakeWorker()), workers.at(-1) as unknown as Worker)),
    );
    const model = { id: 'tiny-random', url: './weights/tiny-random/' };
    await client.load(model, ['wasm']);
    const ids = encodeToIds('The cat sat');
    const before = await client.trace(ids);

    const waiting = client.trace(encodeToIds('The dog'));
    workers[0].crash('Uncaught RangeError: Array buffer allocation failed\n    at stack');
    const error = await waiting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('crashed');
    expect((error as RequestError).message).toBe(
      'the model worker stopped (Array buffer allocation failed); the next request restarts it',
    );
    expect(workers[0].terminated).toBe(true);

    const after = await client.trace(ids);
    expect(workers).toHaveLength(2);
    expect(workers[1].requests.map((r) => r.method)).toEqual(['load', 'trace']);
    expect(workers[1].requests[0]).toMatchObject({ method: 'load', args: [model, ['wasm']] });
    expect(Array.from(after.summary.lastLogits)).toEqual(Array.from(before.summary.lastLogits));
    client.dispose();
    expect(workers[1].terminated).toBe(true);
  }, 300_000);

  it('a worker that cannot start fails each request, without a loop of restarts', async () => {
    let started = 0;
    const client = createModelClient(
      respawningPort(() => {
        started++;
        const w = new FakeWorker();
        setTimeout(() => w.crash('Failed to load worker script'));
        return w as unknown as Worker;
      }),
    );
    const error = await client.load({ id: 'tiny-random', url: './weights/tiny-random/' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as RequestError).message).toMatch(/^the model worker stopped \(Failed to load worker script\)/);
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(1);
    client.dispose();
  });
});
