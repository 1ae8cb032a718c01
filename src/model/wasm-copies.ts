/**
 * Slice, Unpack and GatherV2 kernels for TF.js's wasm backend that copy straight between
 * tensors where they lie in wasm memory, with the same outputs as TF.js's own.
 *
 * TF.js 4.22's wasm Slice starts with readSync, which copies the whole input out of wasm
 * memory before taking a piece of it, and its Unpack calls that Slice once per piece:
 * splitting a [12, 256, 256] attention pattern into its heads copied 12 x 3 MB to take
 * 3 MB. In a cross-origin isolated page, where wasm memory is a SharedArrayBuffer, those
 * copies were 31% of a 256-token run's kernel time (Unpack in the profile), and 1% after.
 * Its GatherV2 runs a generic strided loop that took 11 ms to pick 256 token columns out of
 * W_U; a plain loop takes a third of that.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Heap = Float32Array | Int32Array | Uint8Array;

/** Strides of a row-major shape, one per axis (the last is 1). */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/**
 * Copies the box begin..begin+size of x (row-major, `shape`) into out. Trailing axes taken
 * whole are merged into one run, so a slice along the first axis is a single copy.
 */
export function copyBox(
  x: Heap,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  out: Heap,
): void {
  const strides = stridesOf(shape);
  // The innermost run: the last axis and every axis before it that is taken whole.
  let runAxis = shape.length - 1;
  while (runAxis > 0 && size[runAxis] === shape[runAxis] && begin[runAxis] === 0) runAxis--;
  const run = runAxis < 0 ? 1 : size.slice(runAxis).reduce((a, b) => a * b, 1);
  const outer = size.slice(0, runAxis);
  const count = outer.reduce((a, b) => a * b, 1);
  const at = new Array<number>(outer.length).fill(0);
  let base = 0;
  for (let d = 0; d < shape.length; d++) base += begin[d] * strides[d];
  for (let r = 0, o = 0; r < count; r++, o += run) {
    let offset = base;
    for (let d = 0; d < outer.length; d++) offset += at[d] * strides[d];
    out.set(x.subarray(offset, offset + run), o);
    for (let d = outer.length - 1; d >= 0; d--) {
      if (++at[d] < outer[d]) break;
      at[d] = 0;
    }
  }
}

/** A view of a tensor's values in wasm memory; taken after any allocation, which may move the heap. */
const heapOf = (backend: BackendWasm, t: tf.TensorInfo): Heap => backend.typedArrayFromHeap(t) as Heap;

function sliceKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return fallback(args);
    const backend = args.backend as BackendWasm;
    const attrs = args.attrs as unknown as tf.SliceAttrs;
    const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
    const out = backend.makeOutput(size, x.dtype);
    if (tf.util.sizeFromShape(size) > 0) copyBox(heapOf(backend, x), x.shape, begin, size, heapOf(backend, out));
    return out;
  };
}

function unpackKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { value } = args.inputs as { value: tf.TensorInfo };
    if (value.dtype === 'string') return fallback(args);
    const backend = args.backend as BackendWasm;
    const rank = value.shape.length;
    const axis = ((args.attrs as unknown as tf.UnpackAttrs).axis + rank) % rank;
    const pieceShape = value.shape.filter((_, d) => d !== axis);
    const size = value.shape.map((n, d) => (d === axis ? 1 : n));
    const outs = Array.from({ length: value.shape[axis] }, () => backend.makeOutput(pieceShape, value.dtype));
    const x = heapOf(backend, value);
    outs.forEach((out, i) => {
      const begin = value.shape.map((_, d) => (d === axis ? i : 0));
      copyBox(x, value.shape, begin, size, heapOf(backend, out));
    });
    return outs;
  };
}

function gatherKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.GatherV2Attrs;
    if (x.dtype === 'string' || indices.dtype !== 'int32' || (attrs.batchDims ?? 0) !== 0) return fallback(args);
    const backend = args.backend as BackendWasm;
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const dim = x.shape[axis];
    const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
    const inner = tf.util.sizeFromShape(x.shape.slice(axis + 1));
    const count = tf.util.sizeFromShape(indices.shape);
    const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
    const at = heapOf(backend, indices);
    for (let j = 0; j < count; j++) {
      if (!(at[j] >= 0 && at[j] < dim)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${at[j]} is not in [0, ${dim - 1}]`);
      }
    }
    const src = heapOf(backend, x);
    const dst = heapOf(backend, out);
    for (let o = 0, w = 0; o < outer; o++) {
      for (let j = 0; j < count; j++, w += inner) {
        const from = (o * dim + at[j]) * inner;
        if (inner === 1) dst[w] = src[from];
        else dst.set(src.subarray(from, from + inner), w);
      }
    }
    return out;
  };
}

let installed = false;

/** Replaces the wasm backend's Slice, Unpack and GatherV2 with the kernels above; once per page. */
export function registerDirectWasmCopies(): void {
  if (installed) return;
  installed = true;
  for (const [name, make] of [
    ['Slice', sliceKernel],
    ['Unpack', unpackKernel],
    ['GatherV2', gatherKernel],
  ] as const) {
    const original = tf.getKernel(name, 'wasm');
    if (original === undefined) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc) });
  }
}
