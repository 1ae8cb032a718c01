/**
 * The logit lens, on request: every layer boundary's residual stream read out through the
 * final LayerNorm and W_U, as if the model stopped there. It costs one vocabulary-sized
 * matMul per layer and position (about 12x the blocks' own arithmetic for GPT-2 small),
 * which is why trace() leaves it out and the page asks for it only where it is shown.
 * A plain function of the runtime (`logitLensOf`), as any on-request computation can be.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import type { ModelTensors } from './model-tensors';
import { layerNorm } from './ops';
import { readAll } from './read-all';
import { decodeReadout, followingIds, readoutRows } from './readout';
import type { GPT2Runtime, PositionPrediction, TokenScore, TraceSummary } from './types';
import { checkSummary, matrixData } from './validate';

/** Candidates kept for each logit-lens cell. */
export const LENS_TOP = 5;

/** One cell of the logit lens: block l's residual read out through ln_f and W_U. */
export interface LogitLensCell {
  top: TokenScore[];
  /** ln p(actual next token) under this readout, or null at the last position. */
  nextLogprob: number | null;
}

/**
 * The logit lens of a trace: lens[l][t] for l in 0..n_layer is resid[l] through ln_f and
 * W_U. lens[n_layer] is the model's real output (the trace's predictions).
 */
export type LogitLens = LogitLensCell[][];

/** The logit lens of a trace, recomputed from summary.resid (costly: n_layer vocabulary readouts per position). */
export async function logitLensOf(rt: GPT2Runtime, summary: TraceSummary): Promise<LogitLens> {
  const { config } = rt;
  checkSummary(summary, config);
  const T = summary.tokenIds.length;
  const resid = Array.from({ length: config.n_layer }, (_, l) =>
    matrixData(`resid[${l}]`, summary.resid[l], T, config.n_embd),
  );
  return logitLens(rt.tensors(), config, summary.tokenIds, resid, await rt.predictions(summary));
}

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
