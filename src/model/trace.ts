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

export async function traceSummary(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  withPredictions = true,
  stream: (resid0: tf.Tensor2D) => tf.Tensor2D[] = (resid0) => residualStream(m, config, resid0),
): Promise<TraceSummary> {
  const T = ids.length;
  const L = config.n_layer;

  const tensors = tf.tidy(() => {
    const tokEmbed = tokenEmbeddings(m.wU, ids);
    const posEmbed = positionEmbeddings(m, T);
    const resid = stream(tf.add<tf.Tensor2D>(tokEmbed, posEmbed));
    const lnFinal = layerNorm(resid[L], m.lnf, config.layer_norm_epsilon);
    const lastLogits = unembed(m.wU, tf.slice(lnFinal, [T - 1, 0], [1, -1]));
    const out = [tokEmbed, posEmbed, ...resid, lnFinal, lastLogits];
    return withPredictions ? [...out, predictionRows(m, config, ids, lnFinal)] : out;
  });
  const arrays = await readAll(tensors);

  const matrix = (data: Float32Array): Matrix => ({ rows: T, cols: config.n_embd, data });
  const [embedData, posData] = arrays;
  const residData = arrays.slice(2, 3 + L);
  const [lnFinalData, lastLogits, predData] = arrays.slice(3 + L);

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
