/**
 * GPT-2's pieces as TF.js ops. The fast forward pass, the block trace and the KV cache
 * all compose these same functions, so the traced numbers are the numbers the model
 * actually computes. Callers run them inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BlockWeights, LayerNormWeights } from './model-tensors';
import { fusedLayerNorm, usesFusedLayerNorm } from './wasm-layer-norm';

export interface LayerNormParts {
  /** [T, 1] */
  mean: tf.Tensor2D;
  /** sqrt(biased variance + eps), [T, 1] */
  std: tf.Tensor2D;
  normalized: tf.Tensor2D;
  out: tf.Tensor2D;
}

/**
 * LayerNorm over each row, with the biased variance (divide by n) as torch does. The
 * centred rows are computed once and used for both the variance and the output: every
 * full-size pass counts, as there are 2 n_layer + 1 of these per forward pass.
 */
export function layerNormParts(x: tf.Tensor2D, w: LayerNormWeights, eps: number): LayerNormParts {
  const mean = tf.mean<tf.Tensor2D>(x, -1, true);
  const centred = tf.sub<tf.Tensor2D>(x, mean);
  const std = tf.sqrt<tf.Tensor2D>(tf.add<tf.Tensor2D>(tf.mean(tf.square(centred), -1, true), eps));
  const normalized = tf.div<tf.Tensor2D>(centred, std);
  const out = tf.add<tf.Tensor2D>(tf.mul(normalized, w.gamma), w.beta);
  return { mean, std, normalized, out };
}

/** LayerNorm's output alone: on wasm, a short input runs as one kernel (wasm-layer-norm.ts). */
export function layerNorm(x: tf.Tensor2D, w: LayerNormWeights, eps: number): tf.Tensor2D {
  if (usesFusedLayerNorm(x)) return fusedLayerNorm(x, w.gamma, w.beta, eps);
  return tf.tidy(() => layerNormParts(x, w, eps).out);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * gelu_new, the tanh approximation GPT-2 was trained with: 0.5 x (1 + tanh(z)) with
 * z = sqrt(2/pi) (x + 0.044715 x^3). It is computed as x sigmoid(2z), the same function
 * (0.5 (1 + tanh z) = sigmoid(2z)), because wasm's sigmoid is vectorised and its tanh is
 * not: 4x faster on a 256 x 3,072 activation, within 5e-7 of the tanh form. 2z is written
 * x (a + b x^2) so that it takes four passes over the activation instead of five.
 */
export function geluNew(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const twoZ = tf.mul(x, tf.add(tf.mul(tf.square(x), 2 * SQRT_2_OVER_PI * 0.044715), 2 * SQRT_2_OVER_PI));
    return tf.mul<tf.Tensor2D>(x, tf.sigmoid(twoZ));
  });
}

/** x . W + b, the Conv1D layout ([in, out]) GPT-2 stores, in one fused op. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: w, bias: b }) as tf.Tensor2D;
}

export interface Heads {
  /** Each [n_head, T, d_head]. */
  q: tf.Tensor3D;
  k: tf.Tensor3D;
  v: tf.Tensor3D;
}

/**
 * c_attn, then split into q, k and v (n_embd columns each) and each of those into
 * n_head contiguous d_head slices, heads first so one batched matMul serves all heads.
 */
export function projectQkv(x: tf.Tensor2D, w: BlockWeights, nHead: number): Heads {
  return tf.tidy(() => {
    const T = x.shape[0];
    const qkv = linear(x, w.qkvW, w.qkvB);
    const dHead = qkv.shape[1] / (3 * nHead);
    const split = tf.transpose(tf.reshape(qkv, [T, 3, nHead, dHead]), [1, 2, 0, 3]);
    const [q, k, v] = tf.unstack(split) as tf.Tensor3D[];
    return { q, k, v };
  });
}

/**
 * Additive causal mask for n queries at positions offset..offset+n-1 over keys
 * 0..offset+n-1: 0 where the key is visible, -1e9 where it is in the future. A large
 * finite number rather than -Infinity: exp underflows to exactly 0 either way, and
 * -Infinity arithmetic is not reliable in WebGL shaders.
 */
export function causalMaskBias(n: number, offset = 0): tf.Tensor2D {
  const keys = offset + n;
  const bias = new Float32Array(n * keys);
  for (let i = 0; i < n; i++) bias.fill(-1e9, i * keys + offset + i + 1, (i + 1) * keys);
  return tf.tensor2d(bias, [n, keys]);
}

/**
 * Query rows from which wasm runs attention head by head (measured, Node, TF.js 4.22): there
 * the batched matMul is a generic loop while a 2-D matMul runs on XNNPACK (q . k for 12 heads
 * at 256 tokens: 49 ms batched, 6 ms head by head). Each 2-D matMul pays a fixed set-up
 * (XNNPACK packs its right-hand side), so below about 32 rows, as in a generation step,
 * batched is cheaper.
 */
const PER_HEAD_MIN_ROWS = 32;

const perHead = (rows: number) => tf.getBackend() === 'wasm' && rows >= PER_HEAD_MIN_ROWS;

/**
 * a[h] . b[h] for every head h (b[h] transposed when `transposeB`): one batched matMul,
 * or head by head on wasm (see PER_HEAD_MIN_ROWS). wasm's 2-D matMul with transposeB also
 * takes the slow loop, so b is transposed first.
 */
function perHeadMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeB: boolean): tf.Tensor3D {
  if (!perHead(a.shape[1])) return tf.matMul(a, b, false, transposeB);
  return tf.tidy(() => {
    const bs = tf.unstack(transposeB ? tf.transpose(b, [0, 2, 1]) : b);
    return tf.stack(tf.unstack(a).map((ah, h) => tf.matMul(ah as tf.Tensor2D, bs[h] as tf.Tensor2D))) as tf.Tensor3D;
  });
}

/** q . k for every head and query/key pair, [n_head, T_q, T_k], before scaling. */
export function rawScores(q: tf.Tensor3D, k: tf.Tensor3D): tf.Tensor3D {
  return perHeadMatMul(q, k, true);
}

/** Scaled by 1/sqrt(d_head), with the mask added (masked entries are about -1e9). */
export function scaledScores(raw: tf.Tensor3D, dHead: number, maskBias: tf.Tensor2D | null): tf.Tensor3D {
  return tf.tidy(() => {
    const scaled = tf.mul<tf.Tensor3D>(raw, 1 / Math.sqrt(dHead));
    return maskBias === null ? scaled : tf.add<tf.Tensor3D>(scaled, maskBias);
  });
}

/** The attention pattern: softmax over keys. */
export function attentionPattern<T extends tf.Tensor>(scores: T): T {
  return tf.softmax(scores);
}

/** z: each head's pattern-weighted sum of values, [n_head, T_q, d_head]. */
export function mixValues(pattern: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  return perHeadMatMul(pattern, v, false);
}

/** The heads' z side by side, [T, n_embd] with head h in columns h*d_head.. . */
export function mergeHeads(z: tf.Tensor3D): tf.Tensor2D {
  const [nHead, T, dHead] = z.shape;
  return tf.tidy(() => tf.reshape(tf.transpose(z, [1, 0, 2]), [T, nHead * dHead]));
}

/** c_proj of the merged heads. */
export function attentionOutput(z: tf.Tensor3D, w: BlockWeights): tf.Tensor2D {
  return tf.tidy(() => linear(mergeHeads(z), w.projW, w.projB));
}

/**
 * One head, q to z, with its scores and pattern freed as soon as z exists. q comes scaled by
 * 1/sqrt(d_head), which for GPT-2's d_head of 64 is 1/8, a power of two, so q/8 . k is
 * exactly (q . k)/8: the same scores as scaledScores, scaled over T x d_head values instead
 * of T x T.
 */
function attendOneHead(
  qScaled: tf.Tensor2D,
  kT: tf.Tensor2D,
  v: tf.Tensor2D,
  maskBias: tf.Tensor2D | null,
): tf.Tensor2D {
  return tf.tidy(() => {
    const scores = tf.matMul(qScaled, kT);
    return tf.matMul(attentionPattern(maskBias === null ? scores : tf.add(scores, maskBias)), v);
  });
}

/**
 * Attention from q, k and v to the merged heads ([T_q, n_embd], ready for c_proj), keeping
 * none of the n_head x T x T tensors, which bounds the memory of a long prompt. On wasm
 * with many query rows it runs head by head (PER_HEAD_MIN_ROWS) and writes each head's z
 * straight into its columns; the block trace computes the same numbers stage by stage.
 */
export function attend(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, maskBias: tf.Tensor2D | null): tf.Tensor2D {
  return tf.tidy(() => {
    if (!perHead(q.shape[1])) {
      return mergeHeads(mixValues(attentionPattern(scaledScores(rawScores(q, k), q.shape[2], maskBias)), v));
    }
    const qs = tf.unstack(tf.mul(q, 1 / Math.sqrt(q.shape[2])));
    const kTs = tf.unstack(tf.transpose(k, [0, 2, 1]));
    const vs = tf.unstack(v);
    const z = qs.map((qh, h) =>
      attendOneHead(qh as tf.Tensor2D, kTs[h] as tf.Tensor2D, vs[h] as tf.Tensor2D, maskBias),
    );
    return tf.concat(z, 1);
  });
}

export interface MlpParts {
  pre: tf.Tensor2D;
  post: tf.Tensor2D;
  out: tf.Tensor2D;
}

export function mlpParts(x: tf.Tensor2D, w: BlockWeights): MlpParts {
  const pre = linear(x, w.fcW, w.fcB);
  const post = geluNew(pre);
  return { pre, post, out: linear(post, w.fcProjW, w.fcProjB) };
}
