/**
 * A long session through the same client and host the page uses (wired in-process
 * instead of through a Worker): 500 traces of changing prompts with follow-up requests,
 * then 200 generated tokens. TF.js's tensor count and bytes must come back to what the
 * loaded model alone holds, and every request must be answered.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { loadWeights } from '../../src/weights/weights';
import { encodeToIds } from '../../src/tokenizer';
import { createModelClient, type MessagePortLike, type ModelClient } from '../../src/worker/client';
import { createHost } from '../../src/worker/host';
import type { Response } from '../../src/worker/rpc';

const WORDS = ['The', ' cat', ' sat', ' on', ' the', ' mat', '.', ' 你好', ' 🙂', ' and', ' then', ' ran', '\n'];

/** A different short prompt for each run. */
const promptFor = (i: number): string =>
  Array.from({ length: 1 + (i % 6) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join('');

/** The page's client talking to the worker's host in this process; counts the client's listeners. */
function inProcessWorker(): { port: MessagePortLike; listeners: () => number } {
  const listeners: ((event: MessageEvent<Response>) => void)[] = [];
  const host = createHost({
    loadModel: async () => {
      const { config, tensors, totalBytes } = await loadWeights(dirSource('weights/tiny-random'));
      return { runtime: await createRuntime(config, tensors), totalBytes };
    },
    post: (message) => setTimeout(() => listeners.forEach((l) => l({ data: message } as MessageEvent<Response>))),
  });
  return {
    port: {
      postMessage: (request) => setTimeout(() => host.handle(request)),
      addEventListener: (_type, listener) => listeners.push(listener),
    },
    listeners: () => listeners.length,
  };
}

let client: ModelClient;
let worker: ReturnType<typeof inProcessWorker>;

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
  worker = inProcessWorker();
  client = createModelClient(worker.port);
  await client.load({ id: 'tiny-random', url: 'weights/tiny-random/' });
});

afterAll(() => client?.dispose());

describe('a long session (wasm, tiny-random)', () => {
  it('500 traces and 200 generated tokens leave tensors and bytes at the loaded baseline', async () => {
    const baseline = tf.memory();
    console.log(`baseline after load: ${baseline.numTensors} tensors, ${baseline.numBytes} bytes`);
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
      const ids = encodeToIds(promptFor(i));
      const { traceId, summary } = await client.trace(ids);
      expect(summary.tokenIds).toEqual(ids);
      if (i % 25 === 0) {
        const position = i % ids.length;
        const [block, attention, logits] = await Promise.all([
          client.block(traceId, i % 2),
          client.tokenAttention(traceId, position),
          client.logitsAt(traceId, position),
        ]);
        expect(block.block.layer).toBe(i % 2);
        expect(attention.position).toBe(position);
        expect(logits.length).toBe(summary.config.vocab_size);
      }
    }
    const traced = tf.memory();
    console.log(
      `after 500 traces (${((performance.now() - started) / 1000).toFixed(1)} s): ${traced.numTensors} tensors, ${traced.numBytes} bytes`,
    );
    expect(traced.numTensors).toBe(baseline.numTensors);
    expect(traced.numBytes).toBe(baseline.numBytes);

    let steps = 0;
    for (const [prompt, count, temperature] of [
      ['The cat', 100, 0.8],
      [' 你好 🙂', 100, 0],
    ] as const) {
      const end = await client.generate(
        encodeToIds(prompt),
        count,
        { temperature, topK: 40, topP: 0.95 },
        7,
        () => steps++,
      );
      expect(end).toEqual({ reason: 'done', steps: count });
    }
    expect(steps).toBe(200);
    const generated = tf.memory();
    console.log(`after 200 generated tokens: ${generated.numTensors} tensors, ${generated.numBytes} bytes`);
    expect(generated.numTensors).toBe(baseline.numTensors);
    expect(generated.numBytes).toBe(baseline.numBytes);
    expect(worker.listeners()).toBe(1);
  }, 900_000);
});
