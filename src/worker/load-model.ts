/**
 * Loading a model in the browser worker: pick the TF.js backend, download and verify the
 * weights over HTTP, and upload them to the backend as a runtime.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend } from '../model/backend';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRuntime } from '../model/runtime';
import { withWasmThreads } from '../model/wasm-threads';
import { weightNames } from '../model/types';
import type { ModelLoader } from './host';
import { loadModelWeights } from './model-weights';
import { canStartWasmThreads } from './thread-probe';

/** The wasm binaries as Vite serves them (hashed file names in a build); TF.js wants all three named. */
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

/**
 * Whether this worker's wasm backend may use threads, probed once: the wasm module is
 * instantiated once per worker, so later loads could not change the answer anyway.
 */
let threadsUsable: Promise<boolean> | null = null;

export const loadBrowserModel: ModelLoader = async (model, backends, onProgress) => {
  // Without a GPU, browsers run WebGL on a software rasterizer (SwiftShader, llvmpipe), where
  // GPT-2 runs about 15x slower than on wasm. Unless the user asked for a backend by name,
  // such a WebGL is passed over; a real GPU's WebGL stays first. On wasm, one thread per
  // core when threads can start here (see thread-probe.ts).
  const select = () => selectBackend(backends, { wasmPaths, avoidSoftwareWebgl: backends === undefined });
  threadsUsable ??= canStartWasmThreads();
  const threaded = await threadsUsable;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threaded);
  const backend = threaded ? await withWasmThreads(navigator.hardwareConcurrency || 1, select) : await select();
  // The model's URL is relative to the page; the worker's own URL is elsewhere (assets/).
  const { config, tensors, totalBytes } = await loadModelWeights(model, self.location.href, onProgress);
  const wte = tensors.get(weightNames.wte)!;
  const runtime = await createRuntime(config, tensors);
  // W_E stays here for the embedding explorer's plain-loop searches (the runtime keeps its own copy on the backend).
  return {
    runtime,
    totalBytes,
    threads: backend === 'wasm' ? getThreadsCount() : null,
    embeddings: { rows: wte.shape[0], cols: wte.shape[1], data: wte.data },
  };
};
