/**
 * Loading a model in the browser worker: pick the TF.js backend, download and verify the
 * weights over HTTP, and upload them to the backend as a runtime.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend } from '../model/backend';
import { createRuntime } from '../model/runtime';
import type { ModelLoader } from './host';
import { loadModelWeights } from './model-weights';

/** The wasm binaries as Vite serves them (hashed file names in a build). */
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

export const loadBrowserModel: ModelLoader = async (model, backends, onProgress) => {
  await selectBackend(backends, { wasmPaths });
  // The model's URL is relative to the page; the worker's own URL is elsewhere (assets/).
  const { config, tensors, totalBytes } = await loadModelWeights(model, self.location.href, onProgress);
  return { runtime: await createRuntime(config, tensors), totalBytes };
};
