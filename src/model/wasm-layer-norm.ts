/**
 * LayerNorm as one kernel on TF.js's wasm backend, for short inputs: a loop over the rows
 * where they lie in wasm memory, in place of the nine kernels the composite (ops.ts) runs.
 *
 * Why only short ones: each TF.js kernel call costs tens of microseconds before it computes
 * anything, so at 16 rows the composite spent 0.34 ms per LayerNorm on little more than its
 * nine calls, and this loop 0.07 ms; GPT-2 small runs 25 of them per forward pass, and a KV
 * cache step (one row) just as many. From a few dozen rows the composite's vectorised
 * passes win: 0.28 against 0.24 ms at 64 rows, 0.38 against 0.87 ms at 256 (Node, wasm).
 *
 * The mean and variance are summed in float64 (the composite sums in float32), so the two
 * agree to within a few float32 roundings of the output.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const LAYER_NORM_KERNEL = 'ForwardPassLayerNorm';

/** Rows up to which layerNorm runs this kernel on wasm (see above). */
export const FUSED_LAYER_NORM_MAX_ROWS = 64;

export interface LayerNormAttrs {
  eps: number;
}

const view = (backend: BackendWasm, t: tf.TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;

const layerNormKernel: tf.KernelFunc = (args) => {
  const { x, gamma, beta } = args.inputs as { x: tf.TensorInfo; gamma: tf.TensorInfo; beta: tf.TensorInfo };
  const { eps } = args.attrs as unknown as LayerNormAttrs;
  const backend = args.backend as BackendWasm;
  const [rows, n] = x.shape;
  const out = backend.makeOutput(x.shape, 'float32');
  // Views are taken after the allocation, which may move the heap.
  const src = view(backend, x);
  const g = view(backend, gamma);
  const b = view(backend, beta);
  const dst = view(backend, out);
  for (let r = 0, o = 0; r < rows; r++, o += n) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += src[o + i];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = src[o + i] - mean;
      squares += d * d;
    }
    const inverse = 1 / Math.sqrt(squares / n + eps);
    for (let i = 0; i < n; i++) dst[o + i] = (src[o + i] - mean) * inverse * g[i] + b[i];
  }
  return out;
};

let registered = false;

/** Registers the kernel with the wasm backend; once per page. */
export function registerWasmLayerNorm(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: LAYER_NORM_KERNEL, backendName: 'wasm', kernelFunc: layerNormKernel });
}

/** Whether layerNorm of x runs the kernel: on wasm, float32 inputs of at most FUSED_LAYER_NORM_MAX_ROWS rows. */
export const usesFusedLayerNorm = (x: tf.Tensor2D): boolean =>
  registered && x.dtype === 'float32' && x.shape[0] <= FUSED_LAYER_NORM_MAX_ROWS && tf.getBackend() === 'wasm';

export function fusedLayerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor2D {
  const attrs: LayerNormAttrs = { eps };
  return tf
    .engine()
    .runKernel(LAYER_NORM_KERNEL, { x, gamma, beta }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
