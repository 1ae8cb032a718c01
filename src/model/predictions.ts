/**
 * Every position's next-token prediction: the final LayerNorm's rows read out through W_U
 * (top candidates, log p of the token that actually follows, entropy). One
 * vocabulary-sized matMul per token: for a narrow model such as gpt2-mini-circuits that is
 * most of a trace's arithmetic, so the page asks for it only where it is shown.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import type { ModelTensors } from './model-tensors';
import { readAll } from './read-all';
import { decodeReadout, followingIds, readoutRows } from './readout';
import type { PositionPrediction } from './types';

/** Candidates kept per position. */
export const PREDICTION_TOP = 10;

const topOf = (config: GPT2Config) => Math.min(PREDICTION_TOP, config.vocab_size);

/** The packed readout of `lnFinal` ([T, n_embd]) for the prompt `ids`, on the backend. */
export function predictionRows(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  lnFinal: tf.Tensor2D,
): tf.Tensor2D {
  return readoutRows(lnFinal, m.wU, followingIds(ids).nextIds, topOf(config), true);
}

export function readPredictions(
  config: GPT2Config,
  ids: readonly number[],
  packed: Float32Array,
): PositionPrediction[] {
  return decodeReadout(packed, topOf(config), followingIds(ids).hasNext);
}

/** The predictions of a trace made without them, from its final LayerNorm output. */
export async function predictionsOf(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  lnFinal: Float32Array,
): Promise<PositionPrediction[]> {
  const [packed] = await readAll([
    tf.tidy(() => predictionRows(m, config, ids, tf.tensor2d(lnFinal, [ids.length, config.n_embd]))),
  ]);
  return readPredictions(config, ids, packed);
}
