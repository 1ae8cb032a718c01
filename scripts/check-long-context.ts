/**
 * Runs a full trace of GPT-2-small-shaped weights at the full 1,024-token context on the
 * wasm backend in Node, then one block's internals, one token's attention and a few
 * KV-cached generation steps, and reports wall time and peak memory of each.
 *
 * Usage: npx tsx scripts/check-long-context.ts [--model weights/gpt2-random] [--tokens 1024]
 * (make the weights first with `npm run make-random-gpt2`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/model/backend';
import { dirSource } from '../src/node/node-source';
import { nodeWasmPaths } from '../src/node/node-wasm';
import { createRuntime } from '../src/model/runtime';
import { loadWeights } from '../src/weights/weights';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** Peak resident set size of this process so far (the kernel's high-water mark). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * Runs one step and prints its wall time, its CPU time (what this process computed: on a
 * shared machine the fairer measure of speed), peak RSS so far and the live tensors.
 */
async function measure<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const out = await fn();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const mem = tf.memory();
  const s = (x: number) => `${x.toFixed(1).padStart(6)} s`;
  console.log(
    `${label.padEnd(28)} wall ${s(ms / 1000)}  cpu ${s((cpu.user + cpu.system) / 1e6)}  peak RSS ${mb(peakRss()).padStart(7)}  ` +
      `tensors ${String(mem.numTensors).padStart(4)} (${mb(mem.numBytes)})`,
  );
  return out;
}

async function main(): Promise<void> {
  const dir = flag('model', 'weights/gpt2-random');
  if (!existsSync(join(dir, 'model.json'))) {
    console.error(`no model at ${dir}: run \`npm run make-random-gpt2\` first`);
    process.exit(1);
  }
  const backend = await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  const { config, tensors } = await measure('load weights', () => loadWeights(dirSource(dir)));
  const T = Math.min(Number(flag('tokens', String(config.n_positions))), config.n_positions);
  const runtime = await measure(`upload to ${backend}`, () => createRuntime(config, tensors));
  tensors.clear();

  // Deterministic, varied ids over the whole vocabulary.
  const ids = Array.from({ length: T }, (_, i) => (i * 7919 + 13) % config.vocab_size);
  const summary = await measure(`trace ${T} tokens`, () => runtime.trace(ids));
  await measure('block 0 internals', () => runtime.block(summary, 0));
  await measure(`attention of token ${T - 1}`, () => runtime.tokenAttention(summary, T - 1));
  await measure('next logits (fast path)', () => runtime.nextLogits(ids));
  const prompt = ids.slice(0, T - 8);
  const { session } = await measure(`prefill ${prompt.length} tokens`, () => runtime.startGeneration(prompt));
  await measure('8 cached steps', async () => {
    for (const id of ids.slice(T - 8)) await session.step(id);
  });
  session.dispose();
  runtime.dispose();
  const heap = process.memoryUsage();
  console.log(`done: peak RSS ${mb(peakRss())}, heap now ${mb(heap.heapUsed)}, live tensors ${tf.memory().numTensors}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
