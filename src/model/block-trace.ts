/**
 * Everything inside one block, recomputed from the residual stream entering it with the
 * same ops as the forward pass. The n_head x T x T tensors exist only during this call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type GPT2Config, headDim, mlpDim } from './config';
import type { ModelTensors } from './model-tensors';
import {
  attentionOutput,
  attentionPattern,
  causalMaskBias,
  layerNormParts,
  mixValues,
  mlpParts,
  projectQkv,
  rawScores,
  scaledScores,
  type LayerNormParts,
} from './ops';
import { readEach } from './read-all';
import type { BlockTrace, LayerNormTrace, Matrix, Tensor3 } from './types';

const lnTensors = (p: LayerNormParts) => [p.mean, p.std, p.normalized, p.out];

/** Sets the entries of key positions after the query to -Infinity, as hook_attn_scores shows them. */
function maskFuture(scores: Float32Array, nHead: number, T: number): Float32Array {
  for (let h = 0; h < nHead; h++) {
    for (let q = 0; q < T - 1; q++) scores.fill(-Infinity, (h * T + q) * T + q + 1, (h * T + q + 1) * T);
  }
  return scores;
}

export async function blockTrace(
  m: ModelTensors,
  config: GPT2Config,
  residPre: Float32Array,
  layer: number,
): Promise<BlockTrace> {
  const E = config.n_embd;
  const T = residPre.length / E;
  const H = config.n_head;
  const D = headDim(config);
  const w = m.blocks[layer];
  const eps = config.layer_norm_epsilon;

  const tensors = tf.tidy(() => {
    const x = tf.tensor2d(residPre, [T, E]);
    const ln1 = layerNormParts(x, w.ln1, eps);
    const { q, k, v } = projectQkv(ln1.out, w, H);
    const raw = rawScores(q, k);
    const scores = scaledScores(raw, D, causalMaskBias(T));
    const pattern = attentionPattern(scores);
    const z = mixValues(pattern, v);
    const attnOut = attentionOutput(z, w);
    const residMid = tf.add<tf.Tensor2D>(x, attnOut);
    const ln2 = layerNormParts(residMid, w.ln2, eps);
    const mlp = mlpParts(ln2.out, w);
    const residPost = tf.add(residMid, mlp.out);
    return [
      ...lnTensors(ln1),
      q,
      k,
      v,
      raw,
      scores,
      pattern,
      z,
      attnOut,
      residMid,
      ...lnTensors(ln2),
      mlp.pre,
      mlp.post,
      mlp.out,
      residPost,
    ];
  });
  // Dominated by three n_head x T x T tensors: read one by one rather than joined.
  const a = await readEach(tensors);

  const matrix = (data: Float32Array, cols = E): Matrix => ({ rows: T, cols, data });
  const heads = (data: Float32Array, last = D): Tensor3 => ({ dims: [H, T, last], data });
  const ln = (i: number): LayerNormTrace => ({
    mean: a[i],
    std: a[i + 1],
    normalized: matrix(a[i + 2]),
    out: matrix(a[i + 3]),
  });
  return {
    layer,
    ln1: ln(0),
    q: heads(a[4]),
    k: heads(a[5]),
    v: heads(a[6]),
    rawScores: heads(a[7], T),
    scores: heads(maskFuture(a[8], H, T), T),
    pattern: heads(a[9], T),
    z: heads(a[10]),
    attnOut: matrix(a[11]),
    residMid: matrix(a[12]),
    ln2: ln(13),
    mlpPre: matrix(a[17], mlpDim(config)),
    mlpPost: matrix(a[18], mlpDim(config)),
    mlpOut: matrix(a[19]),
    residPost: matrix(a[20]),
  };
}
