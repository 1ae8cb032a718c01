/**
 * The linear-layers page for scripts/bench-linears.ts: the 48 matMuls (with bias) of a GPT-2
 * shape, in TF.js on wasm as our runtime runs them (tf.fused.matMul, XNNPACK) and in
 * onnxruntime-web from tools/export_linears_onnx.py, same thread count, each in its own page.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { selectBackend } from '../../../src/model/backend';
import { withWasmThreads } from '../../../src/model/wasm-threads';
import { timeRuns, warmUp } from '../page/measure';
import type { Stat } from '../page/protocol';

export interface LinearsJob {
  lengths: number[];
  threads: number;
  runs: number;
  warmupSeconds: number;
  nLayer: number;
  nEmbd: number;
}

export interface LinearsResult {
  threads: number;
  /** One per length. */
  times: Stat[];
}

type OrtModule = typeof import('onnxruntime-web');

async function measure(job: LinearsJob, prepare: (T: number) => () => Promise<void>): Promise<Stat[]> {
  const times: Stat[] = [];
  for (const T of job.lengths) {
    const run = prepare(T);
    await warmUp(run, job.warmupSeconds);
    times.push(await timeRuns(run, job.runs));
  }
  return times;
}

async function ours(job: LinearsJob): Promise<LinearsResult> {
  await withWasmThreads(job.threads, () => selectBackend(['wasm'], { wasmPaths: '/tfjs-wasm/' }));
  const E = job.nEmbd;
  const layer = () => {
    const make = (n: number, m: number) => ({
      w: tf.randomNormal<tf.Rank.R2>([n, m], 0, 0.02),
      b: tf.zeros<tf.Rank.R1>([m]),
    });
    return { qkv: make(E, 3 * E), proj: make(E, E), fc: make(E, 4 * E), fcProj: make(4 * E, E) };
  };
  const layers = Array.from({ length: job.nLayer }, layer);
  const linear = (x: tf.Tensor2D, l: { w: tf.Tensor2D; b: tf.Tensor1D }) =>
    tf.fused.matMul({ a: x, b: l.w, bias: l.b }) as tf.Tensor2D;
  const times = await measure(job, (T) => {
    const x0 = tf.randomNormal<tf.Rank.R2>([T, E]);
    return async () => {
      const outs = tf.tidy(() => {
        let x = x0;
        const kept: tf.Tensor[] = [];
        for (const l of layers) {
          kept.push(linear(x, l.qkv));
          x = tf.add(linear(x, l.proj), linear(linear(x, l.fc), l.fcProj));
        }
        return [...kept, x];
      });
      // Read every output, as onnxruntime-web hands all of its outputs back to JS.
      for (const t of outs) await t.data();
      tf.dispose(outs);
    };
  });
  return { threads: getThreadsCount(), times };
}

async function peer(job: LinearsJob): Promise<LinearsResult> {
  const ortUrl = '/ort/';
  const ort = (await import(/* @vite-ignore */ `${ortUrl}ort.wasm.min.mjs`)) as OrtModule;
  ort.env.wasm.wasmPaths = ortUrl;
  ort.env.wasm.numThreads = job.threads;
  ort.env.wasm.proxy = false;
  const model = new Uint8Array(await (await fetch('/linears/linears.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const times = await measure(job, (T) => {
    const x = new ort.Tensor(
      'float32',
      Float32Array.from({ length: T * job.nEmbd }, () => Math.random() - 0.5),
      [T, job.nEmbd],
    );
    return async () => {
      const out = await session.run({ x });
      for (const t of Object.values(out)) t.dispose();
    };
  });
  return { threads: ort.env.wasm.numThreads ?? 1, times };
}

export type LinearsPage = { ours: typeof ours; peer: typeof peer };
const page: LinearsPage = { ours, peer };
(globalThis as unknown as { forwardPassBench: LinearsPage }).forwardPassBench = page;
document.body.dataset.ready = 'true';
