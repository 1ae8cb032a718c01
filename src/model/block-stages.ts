/**
 * One block stage by stage, every hook point's tensor kept: what block() reads back and
 * what an edited run computes where it has edits. `edit` sees each editable hook's tensor
 * as it is computed and returns the tensor the rest of the block uses (the same one when
 * nothing changes there). Callers run it inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type GPT2Config, headDim } from './config';
import type { EditableHook } from './interventions/edits';
import type { BlockWeights } from './model-tensors';
import {
  attentionOutput,
  attentionPattern,
  causalMaskBias,
  geluNew,
  layerNormParts,
  linear,
  mixValues,
  projectQkv,
  rawScores,
  scaledScores,
  type LayerNormParts,
} from './ops';

/** Changes a hook's tensor; the identity when the block has no edit there. */
export type HookEdit = (site: EditableHook, x: tf.Tensor) => tf.Tensor;

export const noEdit: HookEdit = (_site, x) => x;

export interface BlockStages {
  ln1: LayerNormParts;
  q: tf.Tensor3D;
  k: tf.Tensor3D;
  v: tf.Tensor3D;
  raw: tf.Tensor3D;
  scores: tf.Tensor3D;
  pattern: tf.Tensor3D;
  z: tf.Tensor3D;
  attnOut: tf.Tensor2D;
  residMid: tf.Tensor2D;
  ln2: LayerNormParts;
  mlpPre: tf.Tensor2D;
  mlpPost: tf.Tensor2D;
  mlpOut: tf.Tensor2D;
  residPost: tf.Tensor2D;
}

/** Block w on x (its hook_resid_pre, already edited), T positions attending causally. */
export function blockStages(x: tf.Tensor2D, w: BlockWeights, config: GPT2Config, edit: HookEdit = noEdit): BlockStages {
  const eps = config.layer_norm_epsilon;
  const ln1 = layerNormParts(x, w.ln1, eps);
  const { q, k, v } = projectQkv(ln1.out, w, config.n_head);
  const raw = rawScores(q, k);
  const scores = scaledScores(raw, headDim(config), causalMaskBias(x.shape[0]));
  const pattern = edit('attn.hook_pattern', attentionPattern(scores)) as tf.Tensor3D;
  const z = edit('attn.hook_z', mixValues(pattern, v)) as tf.Tensor3D;
  const attnOut = edit('hook_attn_out', attentionOutput(z, w)) as tf.Tensor2D;
  const residMid = edit('hook_resid_mid', tf.add(x, attnOut)) as tf.Tensor2D;
  const ln2 = layerNormParts(residMid, w.ln2, eps);
  const mlpPre = linear(ln2.out, w.fcW, w.fcB);
  const mlpPost = edit('mlp.hook_post', geluNew(mlpPre)) as tf.Tensor2D;
  const mlpOut = edit('hook_mlp_out', linear(mlpPost, w.fcProjW, w.fcProjB)) as tf.Tensor2D;
  const residPost = edit('hook_resid_post', tf.add(residMid, mlpOut)) as tf.Tensor2D;
  return { ln1, q, k, v, raw, scores, pattern, z, attnOut, residMid, ln2, mlpPre, mlpPost, mlpOut, residPost };
}
