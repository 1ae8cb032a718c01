/**
 * Direct logit attribution: the final residual stream at one position is a sum of parts
 * (token and position embeddings, each head's z through its rows of W_O, each layer's
 * attention bias b_O, each MLP's output), and with ln_final's scale frozen at the run's
 * value the logit of a token (or the difference of two) is linear in that sum. So each
 * part's share is
 *   ((part - mean(part)) / std) . (gamma * u),    u = W_U[:, target] - W_U[:, against],
 * with std the final LayerNorm's divisor at that position, plus ln_final.b's own term
 * beta . u. The shares sum to the logit; residualError is what is left (float rounding, or
 * an edit of the stream itself, such as a resid_pre edit, that the parts do not describe).
 *
 * A block's parts at one position need, attention being causal, only the block's input rows
 * up to that position: keys and values for all of them, but the query, the attention and
 * the MLP for that one row. A block without edits runs just that, which skips most of a
 * forward pass (the MLP is two thirds of a block's work); a block with edits runs whole,
 * stage by stage, so every edit sees the tensor shape it was written for.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages, type HookEdit } from '../block-stages';
import { type GPT2Config, headDim } from '../config';
import type { BlockWeights, ModelTensors } from '../model-tensors';
import {
  attentionOutput,
  attentionPattern,
  layerNorm,
  layerNormParts,
  mixValues,
  mlpParts,
  projectQkv,
  rawScores,
  scaledScores,
} from '../ops';
import { readAll } from '../read-all';
import type { TraceSummary } from '../types';
import { tokenEmbeddings } from '../unembedding';
import { checkIndex, checkTokenId } from '../validate';
import type { Editor } from './edited-stream';

/** Each head's z [n_head, 1, d_head] and the MLP's output [1, n_embd] at the last row of x. */
function lastRowParts(x: tf.Tensor2D, w: BlockWeights, config: GPT2Config) {
  const eps = config.layer_norm_epsilon;
  const H = config.n_head;
  const D = headDim(config);
  const last = x.shape[0] - 1;
  const { q, k, v } = projectQkv(layerNorm(x, w.ln1, eps), w, H);
  const query = tf.slice(q, [0, last, 0], [H, 1, D]);
  // The last row sees every key, so it needs no causal mask.
  const z = mixValues(attentionPattern(scaledScores(rawScores(query, k), D, null)), v);
  const mid = tf.add<tf.Tensor2D>(tf.slice(x, [last, 0], [1, -1]), attentionOutput(z, w));
  return { z, mlpOut: mlpParts(layerNorm(mid, w.ln2, eps), w).out };
}

/** The same two at `position`, with the block's edits applied: the whole block, stage by stage. */
function editedParts(x: tf.Tensor2D, w: BlockWeights, config: GPT2Config, edit: HookEdit, position: number) {
  const st = blockStages(x, w, config, edit);
  return {
    z: tf.slice(st.z, [0, position, 0], [config.n_head, 1, headDim(config)]),
    mlpOut: tf.slice(st.mlpOut, [position, 0], [1, -1]),
  };
}

export interface AttributionRequest {
  /** Token id whose logit is explained. */
  target: number;
  /** A contrast token: explain logit(target) - logit(against). */
  against?: number;
  /** Position to explain (default the last). */
  position?: number;
}

export interface Attribution {
  target: number;
  against: number | null;
  position: number;
  /** The run's logit of target (minus against's) at the position. */
  logit: number;
  /** embed, pos_embed, L{l}H{h}, L{l}.b_O, L{l}.mlp for every layer, ln_final.b. */
  components: Record<string, number>;
  /** logit minus the sum of the components. */
  residualError: number;
}

/** Component names in the order attribute() computes them. */
export function componentNames(config: GPT2Config): string[] {
  const names = ['embed', 'pos_embed'];
  for (let l = 0; l < config.n_layer; l++) {
    for (let h = 0; h < config.n_head; h++) names.push(`L${l}H${h}`);
    names.push(`L${l}.b_O`, `L${l}.mlp`);
  }
  return [...names, 'ln_final.b'];
}

export async function attribute(
  m: ModelTensors,
  config: GPT2Config,
  summary: TraceSummary,
  resid: readonly Float32Array[],
  request: AttributionRequest,
  editor: Editor | null,
): Promise<Attribution> {
  const E = config.n_embd;
  const H = config.n_head;
  const D = headDim(config);
  const T = summary.tokenIds.length;
  const L = config.n_layer;
  const position = request.position ?? T - 1;
  checkIndex('position', position, T);
  checkTokenId(request.target, config);
  if (request.against !== undefined) {
    checkTokenId(request.against, config);
    if (request.against === request.target) throw new Error('the contrast token is the target itself');
  }
  const row = (data: Float32Array) => tf.tensor2d(data.subarray(position * E, (position + 1) * E), [1, E]);

  const tensors = tf.tidy(() => {
    const columns = tokenEmbeddings(
      m.wU,
      request.against === undefined ? [request.target] : [request.target, request.against],
    );
    const u: tf.Tensor2D =
      request.against === undefined
        ? columns
        : tf.sub(tf.slice(columns, [0, 0], [1, E]), tf.slice(columns, [1, 0], [1, E]));
    const final = layerNormParts(row(resid[L]), m.lnf, config.layer_norm_epsilon);
    const parts: tf.Tensor2D[] = [row(summary.embed.data), row(summary.posEmbed.data)];
    m.blocks.forEach((w, l) => {
      const edit = editor?.layer(l) ?? null;
      const { z, mlpOut } =
        edit === null
          ? lastRowParts(tf.tensor2d(resid[l].subarray(0, (position + 1) * E), [position + 1, E]), w, config)
          : editedParts(tf.tensor2d(resid[l], [T, E]), w, config, edit, position);
      const heads = tf.reshape<tf.Rank.R2>(tf.matMul(z, tf.reshape(w.projW, [H, D, E])), [H, E]);
      parts.push(heads, tf.reshape<tf.Rank.R2>(w.projB, [1, E]), mlpOut);
    });
    const stacked = tf.concat(parts, 0);
    const centred = tf.sub(stacked, tf.mean(stacked, 1, true));
    const g = tf.reshape(tf.mul(u, m.lnf.gamma), [E, 1]);
    const shares = tf.reshape(tf.matMul(tf.div(centred, final.std), g), [-1]);
    const bias = tf.reshape(tf.sum(tf.mul(u, m.lnf.beta)), [1]);
    const logit = tf.reshape(tf.sum(tf.mul(row(summary.lnFinal.data), u)), [1]);
    return [tf.concat([shares, bias]), logit];
  });
  const [values, [logit]] = await readAll(tensors);

  const components: Record<string, number> = {};
  let sum = 0;
  componentNames(config).forEach((name, i) => {
    components[name] = values[i];
    sum += values[i];
  });
  return {
    target: request.target,
    against: request.against ?? null,
    position,
    logit,
    components,
    residualError: logit - sum,
  };
}
