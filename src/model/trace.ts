/**
 * The summary trace of a prompt: embeddings, the residual stream between blocks, the
 * final LayerNorm, the last position's logits and (unless asked not to) per-position
 * predictions, computed on the backend and read back in a single read. The logit lens
 * is on request (logit-lens.ts). `stream` makes the residual stream from the embeddings:
 * the plain forward pass, or an edited one (interventions/edited-stream.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import { positionEmbeddings, residualStream } from './forward';
import { tokenEmbeddings, unembed } from './unembedding';
import type { ModelTensors } from './model-tensors';
import { layerNorm } from './ops';
import { predictionRows, readPredictions } from './predictions';
import { readAll } from './read-all';
import type { Matrix, TraceSummary } from './types';

/**
 * A trace this one starts from: an unedited trace of the same prompt whose stream up to
 * block `from` is what this run would compute there (no edit reaches those blocks), so
 * that part is copied and `stream` starts from its resid[from].
 */
export interface HeldStart {
  summary: TraceSummary;
  from: number;
}

export async function traceSummary(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  withPredictions = true,
  stream: (start: tf.Tensor2D) => tf.Tensor2D[] = (resid0) => residualStream(m, config, resid0),
  held?: HeldStart,
): Promise<TraceSummary> {
  const T = ids.length;
  const L = config.n_layer;
  const from = held?.from ?? 0;

  const tensors = tf.tidy(() => {
    const embeddings = held ? [] : [tokenEmbeddings(m.wU, ids), positionEmbeddings(m, T)];
    const start = held
      ? tf.tensor2d(held.summary.resid[from].data, [T, config.n_embd])
      : tf.add<tf.Tensor2D>(embeddings[0], embeddings[1]);
    const resid = stream(start);
    const lnFinal = layerNorm(resid[resid.length - 1], m.lnf, config.layer_norm_epsilon);
    const lastLogits = unembed(m.wU, tf.slice(lnFinal, [T - 1, 0], [1, -1]));
    const out = [...embeddings, ...resid, lnFinal, lastLogits];
    return withPredictions ? [...out, predictionRows(m, config, ids, lnFinal)] : out;
  });
  const arrays = await readAll(tensors);

  // The held trace's arrays are copied: a summary's buffers may be transferred to another thread.
  const copied = held ? [held.summary.embed, held.summary.posEmbed, ...held.summary.resid.slice(0, from)] : [];
  const all = [...copied.map((x) => x.data.slice()), ...arrays];
  const matrix = (data: Float32Array): Matrix => ({ rows: T, cols: config.n_embd, data });
  const [embedData, posData] = all;
  const residData = all.slice(2, 3 + L);
  const [lnFinalData, lastLogits, predData] = all.slice(3 + L);

  return {
    config,
    tokenIds: [...ids],
    embed: matrix(embedData),
    posEmbed: matrix(posData),
    resid: residData.map(matrix),
    lnFinal: matrix(lnFinalData),
    lastLogits,
    predictions: predData === undefined ? [] : readPredictions(config, ids, predData),
  };
}
