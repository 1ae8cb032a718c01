/**
 * The logit lens, on request: every layer boundary's residual stream read out through the
 * final LayerNorm and W_U, as if the model stopped there. It costs one vocabulary-sized
 * matMul per layer and position (about 12x the blocks' own arithmetic for GPT-2 small),
 * which is why trace() leaves it out and the page asks for it only where it is shown.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import type { ModelTensors } from './model-tensors';
import { layerNorm } from './ops';
import { readAll } from './read-all';
import { decodeReadout, followingIds, readoutRows } from './readout';
import type { LogitLensCell, PositionPrediction } from './types';

/** Candidates kept for each logit-lens cell. */
export const LENS_TOP = 5;

/**
 * Rows 0..n_layer-1 from `resid` (the residual stream entering each block, each [T, n_embd]
 * row-major); row n_layer is the model's own output, which the trace already read out as
 * `predictions`, so it is reused rather than recomputed.
 */
export async function logitLens(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  resid: readonly Float32Array[],
  predictions: readonly PositionPrediction[],
): Promise<LogitLensCell[][]> {
  const T = ids.length;
  const k = Math.min(LENS_TOP, config.vocab_size);
  const { nextIds, hasNext } = followingIds(ids);
  const packed = resid.map((r) =>
    tf.tidy(() =>
      readoutRows(
        layerNorm(tf.tensor2d(r, [T, config.n_embd]), m.lnf, config.layer_norm_epsilon),
        m.wU,
        nextIds,
        k,
        false,
      ),
    ),
  );
  const rows = await readAll(packed);
  const cell = (top: LogitLensCell['top'], nextLogprob: number | null): LogitLensCell => ({
    top: top.slice(0, k),
    nextLogprob,
  });
  return [
    ...rows.map((data) => decodeReadout(data, k, hasNext).map((r) => cell(r.top, r.nextLogprob))),
    predictions.map((p) => cell(p.top, p.nextLogprob)),
  ];
}
