/**
 * Our runtime, measured as the app uses it: weights fetched over HTTP with loadWeights,
 * the backend chosen with selectBackend, everything else through the GPT2Runtime API.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { selectBackend } from '../../../src/model/backend';
import { createRuntime } from '../../../src/model/runtime';
import { logitLensOf } from '../../../src/model/logit-lens';
import { httpSource } from '../../../src/weights/sources';
import type { FileSource, GPT2Runtime } from '../../../src/model/types';
import { loadWeights } from '../../../src/weights/weights';
import { withWasmThreads } from '../../../src/model/wasm-threads';
import { argmax, summarize } from '../stats';
import type { OursExperimentRow } from '../experiments';
import { runExperiments, type ExperimentsJob } from './experiments';
import { jsHeapBytes, kernelTimes, logitRows, timeOnce, timeRuns } from './measure';
import type {
  KernelProfile,
  LogitRows,
  MemoryFigures,
  OursCall,
  OursDetails,
  OursDetailsJob,
  OursLengthDetails,
  OursOpened,
  OursOpenJob,
  SideBySideProfile,
} from './protocol';
import { medianProfile, SIDE_BY_SIDE_RUNS, SIDE_BY_SIDE_WARMUPS } from '../peer-profile';

/** The page's trace: predictions and the logit lens are left for the stage that shows them. */
const EXPLAINER_RUN = { predictions: false };

/** Where the bench server serves @tensorflow/tfjs-backend-wasm's dist folder. */
const TFJS_WASM_URL = '/tfjs-wasm/';

/** A source that counts every byte it reads, model.json included. */
function countingSource(inner: FileSource): { source: FileSource; bytes: () => number } {
  let total = 0;
  return {
    source: {
      describe: () => inner.describe(),
      read: async (path, onBytes) => {
        const data = await inner.read(path, onBytes);
        total += data.length;
        return data;
      },
    },
    bytes: () => total,
  };
}

function wasmMemoryBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const backend = tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } };
  return backend.wasm.HEAPU8.buffer.byteLength;
}

async function memoryOfTrace(runtime: GPT2Runtime, ids: number[]): Promise<MemoryFigures> {
  const info = await tf.profile(async () => {
    await runtime.trace(ids, EXPLAINER_RUN);
  });
  return { peakTensorBytes: info.peakBytes, jsHeapBytes: jsHeapBytes(), wasmMemoryBytes: wasmMemoryBytes() };
}

/**
 * Greedy generation of `steps` tokens ending at ids.length tokens of context, timed per
 * token: with the KV cache (session.step) and by re-running the whole prompt (nextLogits).
 */
async function timeGeneration(runtime: GPT2Runtime, ids: number[], steps: number) {
  const prompt = ids.slice(0, ids.length - steps);
  const { logits, session } = await runtime.startGeneration(prompt);
  const generated: number[] = [];
  let next = argmax(logits);
  const cachedSamples: number[] = [];
  try {
    for (let i = 0; i < steps; i++) {
      generated.push(next);
      const start = performance.now();
      next = argmax(await session.step(next));
      cachedSamples.push(performance.now() - start);
    }
  } finally {
    session.dispose();
  }
  const uncachedSamples: number[] = [];
  for (let i = 0; i < steps; i++) {
    const context = [...prompt, ...generated.slice(0, i + 1)];
    const start = performance.now();
    await runtime.nextLogits(context);
    uncachedSamples.push(performance.now() - start);
  }
  return { cachedSamples, uncachedSamples };
}

/** The figures of one length that are not paired with the peer. */
async function lengthDetails(runtime: GPT2Runtime, ids: number[], runs: number): Promise<OursLengthDetails> {
  const summary = await runtime.trace(ids, EXPLAINER_RUN);
  const lens = await timeRuns(() => logitLensOf(runtime, summary), ids.length > 256 ? 1 : runs);
  const steps = Math.min(runs, ids.length - 1);
  const { cachedSamples, uncachedSamples } = await timeGeneration(runtime, ids, steps);
  return {
    tokens: ids.length,
    lens,
    cachedStep: summarize(cachedSamples),
    uncachedStep: summarize(uncachedSamples),
    memory: await memoryOfTrace(runtime, ids),
  };
}

async function profileRuns(runtime: GPT2Runtime, ids: number[]): Promise<KernelProfile> {
  return {
    tokens: ids.length,
    trace: await kernelTimes(() => runtime.trace(ids, EXPLAINER_RUN)),
    nextLogits: await kernelTimes(() => runtime.nextLogits(ids)),
  };
}

/** nextLogits() at each prompt, SIDE_BY_SIDE_WARMUPS untimed calls, then SIDE_BY_SIDE_RUNS profiled: the median one. */
async function sideBySide(runtime: GPT2Runtime, prompts: number[][]): Promise<SideBySideProfile[]> {
  const out: SideBySideProfile[] = [];
  for (const ids of prompts) {
    for (let r = 0; r < SIDE_BY_SIDE_WARMUPS; r++) await runtime.nextLogits(ids);
    const profiles: SideBySideProfile[] = [];
    for (let r = 0; r < SIDE_BY_SIDE_RUNS; r++) {
      const start = performance.now();
      const kernels = await kernelTimes(() => runtime.nextLogits(ids));
      profiles.push({ tokens: ids.length, wallMs: performance.now() - start, kernels });
    }
    out.push(medianProfile(profiles));
  }
  return out;
}

/** Logits at the first, middle and last positions (from the trace) and from nextLogits. */
async function checkRows(runtime: GPT2Runtime, ids: number[]): Promise<LogitRows> {
  const summary = await runtime.trace(ids);
  const T = ids.length;
  const positions = [...new Set([0, T >> 1, T - 1])];
  const rows = [];
  for (const p of positions) rows.push(await runtime.logitsAt(summary, p));
  return logitRows(T, positions, rows, await runtime.nextLogits(ids));
}

/** The page's runtime, open from oursOpen until oursClose. */
let open: GPT2Runtime | null = null;

function opened(): GPT2Runtime {
  if (!open) throw new Error('no runtime is open on this page (call oursOpen first)');
  return open;
}

export async function oursOpen(job: OursOpenJob): Promise<OursOpened> {
  if (open) throw new Error('a runtime is already open on this page');
  const select = () => selectBackend([job.backend], { wasmPaths: TFJS_WASM_URL });
  const backend = job.backend === 'wasm' ? await withWasmThreads(job.threads, select) : await select();

  const counted = countingSource(httpSource(job.modelUrl));
  let weights!: Awaited<ReturnType<typeof loadWeights>>;
  const loadMs = await timeOnce(async () => {
    weights = await loadWeights(counted.source);
  });
  let runtime!: GPT2Runtime;
  const uploadMs = await timeOnce(async () => {
    runtime = await createRuntime(weights.config, weights.tensors);
  });
  weights.tensors.clear();
  open = runtime;
  return {
    backend,
    threads: backend === 'wasm' ? getThreadsCount() : null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    model: weights.name,
    downloadBytes: counted.bytes(),
    loadMs,
    uploadMs,
    weightTensorBytes: tf.memory().numBytes,
    firstTraceMs: await timeOnce(() => runtime.trace(job.firstPrompt)),
    firstTraceTokens: job.firstPrompt.length,
  };
}

const CALLS: Record<OursCall, (runtime: GPT2Runtime, ids: number[]) => Promise<unknown>> = {
  nextLogits: (runtime, ids) => runtime.nextLogits(ids),
  run: (runtime, ids) => runtime.trace(ids, EXPLAINER_RUN),
  trace: (runtime, ids) => runtime.trace(ids),
};

export function oursTime(job: { call: OursCall; ids: number[] }): Promise<number> {
  const runtime = opened();
  return timeOnce(() => CALLS[job.call](runtime, job.ids));
}

export async function oursDetails(job: OursDetailsJob): Promise<OursDetails> {
  const runtime = opened();
  const lengths: OursLengthDetails[] = [];
  for (const ids of job.prompts) lengths.push(await lengthDetails(runtime, ids, job.runs));
  return {
    lengths,
    check: job.checkPrompt >= 0 ? await checkRows(runtime, job.prompts[job.checkPrompt]) : null,
    profile: job.profilePrompt >= 0 ? await profileRuns(runtime, job.prompts[job.profilePrompt]) : null,
    sideBySide: await sideBySide(
      runtime,
      job.sideBySidePrompts.map((i) => job.prompts[i]),
    ),
  };
}

export function oursExperiments(job: ExperimentsJob): Promise<OursExperimentRow[]> {
  return runExperiments(opened(), job);
}

export async function oursClose(): Promise<void> {
  open?.dispose();
  open = null;
}
