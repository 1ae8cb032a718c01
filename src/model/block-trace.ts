/**
 * Everything inside one block, recomputed from the residual stream entering it with the
 * same ops as the forward pass. The n_head x T x T tensors exist only during this call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages, type HookEdit, noEdit } from './block-stages';
import { type GPT2Config, headDim, mlpDim } from './config';
import type { ModelTensors } from './model-tensors';
import type { LayerNormParts } from './ops';
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
  edit: HookEdit = noEdit,
): Promise<BlockTrace> {
  const E = config.n_embd;
  const T = residPre.length / E;
  const H = config.n_head;
  const D = headDim(config);

  const tensors = tf.tidy(() => {
    const st = blockStages(tf.tensor2d(residPre, [T, E]), m.blocks[layer], config, edit);
    const { ln1, q, k, v, raw, scores, pattern, z, attnOut, residMid, ln2 } = st;
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
      st.mlpPre,
      st.mlpPost,
      st.mlpOut,
      st.residPost,
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
