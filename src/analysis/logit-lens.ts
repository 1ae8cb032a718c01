/**
 * The logit lens as a grid: for every layer boundary l (0 = right after the embeddings,
 * n_layer = the model's real output) and position t, the token the model would predict
 * if it stopped there, its probability, and the probability of the token that actually
 * comes next. Read from the runtime's logit lens (resid[l] -> ln_f -> W_U).
 */
import type { LogitLens } from '../model/logit-lens';
import type { TokenScore, TraceSummary } from '../model/types';

export interface LensCell {
  layer: number;
  position: number;
  /** The best token under this readout. */
  topId: number;
  topProb: number;
  /** The readout's best few, best first. */
  top: TokenScore[];
  /** Probability of the actual next token, or null at the last position. */
  nextProb: number | null;
  /** The actual next token's id, or null at the last position. */
  nextId: number | null;
}

/** grid[l][t], l in 0..n_layer. */
export function logitLensGrid(summary: TraceSummary, lens: LogitLens): LensCell[][] {
  const ids = summary.tokenIds;
  return lens.map((row, layer) =>
    row.map((cell, position) => ({
      layer,
      position,
      topId: cell.top[0].id,
      topProb: Math.exp(cell.top[0].logprob),
      top: cell.top,
      nextProb: cell.nextLogprob === null ? null : Math.exp(cell.nextLogprob),
      nextId: position < ids.length - 1 ? ids[position + 1] : null,
    })),
  );
}

/**
 * The first layer boundary from which the top prediction at `position` stays the final one (n_layer if only the output
 * has it).
 */
export function settlingLayer(grid: LensCell[][], position: number): number {
  const last = grid.length - 1;
  const final = grid[last][position].topId;
  let l = last;
  while (l > 0 && grid[l - 1][position].topId === final) l--;
  return l;
}
