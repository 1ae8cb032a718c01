/**
 * One token's attention in every layer and head: its row of each pattern (where it
 * looks) and its column (who looks at it). Each layer's pattern is recomputed from the
 * residual stream entering it and freed before the next layer's. In an edited run the
 * layer's pattern edits (`editOf`) apply, as they did in the run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type GPT2Config, headDim } from './config';
import type { HookEdit } from './block-stages';
import type { ModelTensors } from './model-tensors';
import { attentionPattern, causalMaskBias, layerNorm, projectQkv, rawScores, scaledScores } from './ops';
import { readAll } from './read-all';
import type { TokenAttention } from './types';

export async function tokenAttention(
  m: ModelTensors,
  config: GPT2Config,
  resid: Float32Array[],
  position: number,
  editOf: (layer: number) => HookEdit | null = () => null,
): Promise<TokenAttention> {
  const E = config.n_embd;
  const H = config.n_head;
  const T = resid[0].length / E;

  const tensors = tf.tidy(() => {
    const mask = causalMaskBias(T);
    return m.blocks.flatMap((w, l) =>
      tf.tidy(() => {
        const x = tf.tensor2d(resid[l], [T, E]);
        const { q, k } = projectQkv(layerNorm(x, w.ln1, config.layer_norm_epsilon), w, H);
        const plain = attentionPattern(scaledScores(rawScores(q, k), headDim(config), mask));
        const pattern = editOf(l)?.('attn.hook_pattern', plain) ?? plain;
        const from = tf.slice(pattern, [0, position, 0], [H, 1, T]);
        const to = tf.slice(pattern, [0, 0, position], [H, T, 1]);
        return [from, to];
      }),
    );
  });
  const a = await readAll(tensors);

  const perHead = (data: Float32Array) => Array.from({ length: H }, (_, h) => data.slice(h * T, (h + 1) * T));
  return {
    position,
    from: m.blocks.map((_, l) => perHead(a[2 * l])),
    to: m.blocks.map((_, l) => perHead(a[2 * l + 1])),
  };
}
