/**
 * The residual stream's length through the model: ||resid[l][t]|| for every layer
 * boundary l = 0..n_layer (resid[0] is embed + pos_embed, resid[n_layer] is the last
 * block's output). Growth across layers is one of GPT-2's well-known traits.
 */
import type { TraceSummary } from '../model/types';
import { l2norm, matrixRow } from './tensor-views';

/** norms[l][t]: length of token t's residual vector at layer boundary l. */
export function residualNorms(summary: TraceSummary): number[][] {
  return summary.resid.map((m) => Array.from({ length: m.rows }, (_, t) => l2norm(matrixRow(m, t))));
}
