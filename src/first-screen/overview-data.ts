/**
 * What the model overview draws, from the trace and the sampling settings: the last
 * token's residual norm at every layer boundary (read from the trace's resid, no model
 * call) and the top next tokens at the current temperature.
 */
import type { TraceSummary } from '../model/types';
import type { LogitEntry } from '../store';
import { tokenInfo } from '../tokenizer';
import { l2norm, matrixRow } from '../ui/tensor-views';

/** ||resid[l][last]|| for l = 0..n_layer. */
export function lastTokenNorms(summary: TraceSummary): number[] {
  return summary.resid.map((m) => l2norm(matrixRow(m, m.rows - 1)));
}

/** The n most likely next tokens with their probabilities at the current temperature. */
export function topNext(top: LogitEntry[], probs: Float64Array, n: number): { label: string; p: number }[] {
  return top.slice(0, n).map(({ id }) => ({ label: tokenInfo(id).display, p: probs[id] }));
}

/** A norm as short as it can be and still be read: 3 significant digits, no more than one decimal. */
export const formatNorm = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
