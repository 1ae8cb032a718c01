/**
 * The summary trace of a prompt: embeddings, the residual stream between blocks, the
 * final LayerNorm, the last position's logits, per-position predictions and the logit
 * lens, computed on the backend and read back in a single read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import { positionEmbeddings, residualStream, tokenEmbeddings, unembed } from './forward';
import type { ModelTensors } from './model-tensors';
import { layerNorm } from './ops';
import { readAll } from './read-all';
import { decodeReadout, readoutRows, type ReadoutRow } from './readout';
import type { LogitLensCell, Matrix, TraceSummary } from './types';

/** Candidates kept per position for the predictions and for each logit-lens cell. */
export const PREDICTION_TOP = 10;
export const LENS_TOP = 5;

export async function traceSummary(m: ModelTensors, config: GPT2Config, ids: readonly number[]): Promise<TraceSummary> {
  const T = ids.length;
  const L = config.n_layer;
  const eps = config.layer_norm_epsilon;
  const kPred = Math.min(PREDICTION_TOP, config.vocab_size);
  const kLens = Math.min(LENS_TOP, kPred);
  // The last position has no next token; any valid id stands in and is ignored.
  const nextIds = [...ids.slice(1), 0];
  const hasNext = (t: number) => t < T - 1;

  const tensors = tf.tidy(() => {
    const tokEmbed = tokenEmbeddings(m, ids);
    const posEmbed = positionEmbeddings(m, T);
    const resid = residualStream(m, config, tf.add<tf.Tensor2D>(tokEmbed, posEmbed));
    const lnFinal = layerNorm(resid[L], m.lnf, eps);
    const lastLogits = unembed(m, tf.slice(lnFinal, [T - 1, 0], [1, -1]));
    const predictions = readoutRows(lnFinal, m.wU, nextIds, kPred, true);
    // The lens of the last residual is the model's own output, already in `predictions`.
    const lens = resid
      .slice(0, L)
      .map((r) => tf.tidy(() => readoutRows(layerNorm(r, m.lnf, eps), m.wU, nextIds, kLens, false)));
    return [tokEmbed, posEmbed, ...resid, lnFinal, lastLogits, predictions, ...lens];
  });
  const arrays = await readAll(tensors);

  const matrix = (data: Float32Array): Matrix => ({ rows: T, cols: config.n_embd, data });
  const [embedData, posData] = arrays;
  const residData = arrays.slice(2, 3 + L);
  const [lnFinalData, lastLogits, predData, ...lensData] = arrays.slice(3 + L);
  const predictions = decodeReadout(predData, kPred, hasNext);
  const lensCells = (rows: ReadoutRow[]): LogitLensCell[] =>
    rows.map((r) => ({ top: r.top.slice(0, kLens), nextLogprob: r.nextLogprob }));

  return {
    config,
    tokenIds: [...ids],
    embed: matrix(embedData),
    posEmbed: matrix(posData),
    resid: residData.map(matrix),
    lnFinal: matrix(lnFinalData),
    lastLogits,
    predictions,
    logitLens: [...lensData.map((d) => lensCells(decodeReadout(d, kLens, hasNext))), lensCells(predictions)],
  };
}
