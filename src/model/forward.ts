/**
 * The forward pass without its internals: embeddings, blocks (optionally extending a
 * KV cache), the final LayerNorm and the unembedding.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import type { BlockWeights, ModelTensors } from './model-tensors';
import { attend, causalMaskBias, layerNorm, linear, mlpParts, projectQkv } from './ops';
import { tokenEmbeddings } from './unembedding';

/** hook_pos_embed: W_P rows offset..offset+T-1, [T, n_embd]. */
export function positionEmbeddings(m: ModelTensors, count: number, offset = 0): tf.Tensor2D {
  return tf.slice(m.wpe, [offset, 0], [count, -1]);
}

/** The residual stream entering block 0 for tokens at positions offset.. . */
export function embed(m: ModelTensors, ids: readonly number[], offset = 0): tf.Tensor2D {
  return tf.tidy(() => tf.add<tf.Tensor2D>(tokenEmbeddings(m.wU, ids), positionEmbeddings(m, ids.length, offset)));
}

/** Keys and values of one layer for every position so far, each [n_head, positions, d_head]. */
export type LayerCache = {
  k: tf.Tensor3D;
  v: tf.Tensor3D;
};

export interface BlockResult {
  residPost: tf.Tensor2D;
  /** The cache extended with this call's positions. */
  cache: LayerCache;
}

/**
 * One block for new positions. Without `past` the positions are 0..T-1 and attend
 * causally among themselves; with it they come after the cached ones and see them all.
 * `maskBias` is the additive causal mask (null when a single new position sees everything).
 */
export function blockForward(
  x: tf.Tensor2D,
  w: BlockWeights,
  config: GPT2Config,
  maskBias: tf.Tensor2D | null,
  past?: LayerCache,
): BlockResult {
  return tf.tidy(() => {
    const eps = config.layer_norm_epsilon;
    const fresh = projectQkv(layerNorm(x, w.ln1, eps), w, config.n_head);
    const k = past ? tf.concat([past.k, fresh.k], 1) : fresh.k;
    const v = past ? tf.concat([past.v, fresh.v], 1) : fresh.v;
    const residMid = tf.add<tf.Tensor2D>(x, linear(attend(fresh.q, k, v, maskBias), w.projW, w.projB));
    const residPost = tf.add<tf.Tensor2D>(residMid, mlpParts(layerNorm(residMid, w.ln2, eps), w).out);
    return { residPost, cache: { k, v } };
  });
}

/**
 * One block for new positions, as blockForward, but with the output of the given rows only:
 * every row's keys and values are computed (a kept row's query may see them), and the query,
 * attention, c_proj and MLP only for the kept rows. When only some rows are read after the
 * last block, as the logits of a patching sweep's cells are, this skips about three quarters
 * of that block's work for the others.
 */
export function blockForwardRows(
  x: tf.Tensor2D,
  w: BlockWeights,
  config: GPT2Config,
  maskBias: tf.Tensor2D,
  past: LayerCache,
  rows: number[],
): tf.Tensor2D {
  return tf.tidy(() => {
    const eps = config.layer_norm_epsilon;
    const fresh = projectQkv(layerNorm(x, w.ln1, eps), w, config.n_head);
    const k = tf.concat([past.k, fresh.k], 1);
    const v = tf.concat([past.v, fresh.v], 1);
    const kept = tf.tensor1d(rows, 'int32');
    const q = tf.gather(fresh.q, kept, 1);
    const attended = attend(q, k, v, tf.gather(maskBias, kept));
    const residMid = tf.add<tf.Tensor2D>(tf.gather(x, kept), linear(attended, w.projW, w.projB));
    return tf.add<tf.Tensor2D>(residMid, mlpParts(layerNorm(residMid, w.ln2, eps), w).out);
  });
}

/**
 * The residual stream of a whole prompt, from the stream entering block 0 to the last
 * block's output: n_layer + 1 tensors of [T, n_embd]. Each block's internals are freed
 * as soon as its output exists.
 */
export function residualStream(m: ModelTensors, config: GPT2Config, resid0: tf.Tensor2D): tf.Tensor2D[] {
  return tf.tidy(() => {
    const resid = [resid0];
    const mask = causalMaskBias(resid0.shape[0]);
    for (const w of m.blocks) {
      const { residPost, cache } = blockForward(resid[resid.length - 1], w, config, mask);
      tf.dispose([cache.k, cache.v]);
      resid.push(residPost);
    }
    return resid;
  });
}
