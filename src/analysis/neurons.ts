/**
 * The arithmetic behind one attention score and the MLP's most active neurons, read
 * from a BlockTrace: nothing is recomputed by the model, only re-added by hand so the
 * reader can see that q · k really is the sum of the elementwise products.
 */
import type { BlockTrace, Matrix, Tensor3 } from '../model/types';

export interface QkBreakdown {
  q: Float32Array;
  k: Float32Array;
  /** q_i x k_i for each dimension i of the head. */
  products: Float32Array;
  /** Sum of the products, added here. */
  sum: number;
  /** The trace's own q . k (rawScores), to compare with `sum`. */
  traced: number;
  /** q . k / sqrt(d_head); -Infinity for a key after the query (the causal mask). */
  scaled: number;
  /** The softmax weight the query gives this key (0 when masked). */
  weight: number;
}

/** Vector (head, t) of a [n_head, T, d] tensor. */
const vectorAt = (x: Tensor3, head: number, t: number): Float32Array => {
  const [, T, d] = x.dims;
  return x.data.subarray((head * T + t) * d, (head * T + t + 1) * d);
};

/** Element (head, row, col) of a [n_head, T, T] tensor. */
const cellAt = (x: Tensor3, head: number, row: number, col: number): number => {
  const [, T] = x.dims;
  return x.data[(head * T + row) * T + col];
};

export function qkBreakdown(block: BlockTrace, head: number, query: number, key: number): QkBreakdown {
  const q = vectorAt(block.q, head, query);
  const k = vectorAt(block.k, head, key);
  const products = q.map((v, i) => v * k[i]);
  let sum = 0;
  for (const p of products) sum += p;
  return {
    q,
    k,
    products,
    sum,
    traced: cellAt(block.rawScores, head, query, key),
    scaled: cellAt(block.scores, head, query, key),
    weight: cellAt(block.pattern, head, query, key),
  };
}

export interface NeuronActivation {
  neuron: number;
  /** gelu_new output (mlp.hook_post). */
  post: number;
  /** Before the GELU (mlp.hook_pre). */
  pre: number;
}

/** The n neurons with the highest activation (after GELU) at one position, highest first. */
export function topNeurons(post: Matrix, pre: Matrix, position: number, n: number): NeuronActivation[] {
  const base = position * post.cols;
  const order = Array.from({ length: post.cols }, (_, i) => i).sort(
    (a, b) => post.data[base + b] - post.data[base + a] || a - b,
  );
  return order.slice(0, n).map((neuron) => ({ neuron, post: post.data[base + neuron], pre: pre.data[base + neuron] }));
}

/** One neuron's activation at every position of the prompt. */
export function neuronAcross(post: Matrix, neuron: number): Float32Array {
  if (!Number.isInteger(neuron) || neuron < 0 || neuron >= post.cols)
    throw new Error(`neuron ${neuron} is out of range 0..${post.cols - 1}`);
  return Float32Array.from({ length: post.rows }, (_, t) => post.data[t * post.cols + neuron]);
}
