/**
 * What an experiment changed, from two runs' numbers: the next-token probabilities before and
 * after an edit, the stages whose residual stream moved, a token's residual stream compared
 * across two contexts, the attribution's parts in order, and a logit difference recovered by
 * a patch. Pure functions of plain arrays, so they are tested without a model.
 */
import type { Matrix, TraceSummary } from '../model/types';
import { softmax, topIds } from '../sampling';
import { cosine, rowOf } from './vectors';

export interface ProbabilityChange {
  id: number;
  before: number;
  after: number;
}

/**
 * The tokens most likely before or after the edit (the union of each run's top n, by the
 * higher of the two probabilities), with both probabilities at temperature 1.
 */
export function probabilityChanges(before: Float32Array, after: Float32Array, n: number): ProbabilityChange[] {
  const p = softmax(before);
  const q = softmax(after);
  const ids = [...new Set([...topIds(p, n), ...topIds(q, n)])];
  return ids
    .map((id) => ({ id, before: p[id], after: q[id] }))
    .sort((a, b) => Math.max(b.before, b.after) - Math.max(a.before, a.after) || a.id - b.id);
}

/** The largest absolute difference between two matrices of one shape. */
export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new Error(`shapes differ (${a.rows}x${a.cols} vs ${b.rows}x${b.cols})`);
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
  return m;
}

export interface StageChange {
  /** resid[l]: the stream entering block l (l = n_layer: leaving the last block). */
  layer: number;
  maxDiff: number;
  changed: boolean;
}

/**
 * For each point of the residual stream, how far the edited run moved from the original.
 * A point counts as changed when it moved by more than `tolerance` times the original's
 * largest value there (float rounding of an identical computation moves nothing).
 */
export function stageChanges(original: TraceSummary, edited: TraceSummary, tolerance = 1e-6): StageChange[] {
  return original.resid.map((r, layer) => {
    const maxDiff = maxAbsDiff(r, edited.resid[layer]);
    let scale = 0;
    for (let i = 0; i < r.data.length; i++) scale = Math.max(scale, Math.abs(r.data[i]));
    return { layer, maxDiff, changed: maxDiff > tolerance * Math.max(scale, 1e-12) };
  });
}

/**
 * cos(resid_a[l][pa], resid_b[l][pb]) at every point of the stream, l = 0..n_layer:
 * how alike one token's vectors are in two contexts, block by block.
 */
export function residualCosines(a: TraceSummary, pa: number, b: TraceSummary, pb: number): number[] {
  if (a.resid.length !== b.resid.length) throw new Error('the two runs come from different models');
  return a.resid.map((r, l) => cosine(rowOf(r, pa), rowOf(b.resid[l], pb)));
}

export interface Contribution {
  name: string;
  value: number;
}

/** The attribution's parts, largest first (most negative last), and their sum. */
export function sortedContributions(components: Record<string, number>): { parts: Contribution[]; sum: number } {
  const parts = Object.entries(components)
    .map(([name, value]) => ({ name, value }))
    .sort((x, y) => y.value - x.value || x.name.localeCompare(y.name));
  // Summed in float64 in a fixed order (the components' own), so the total does not depend on the sort.
  const sum = Object.values(components).reduce((s, v) => s + v, 0);
  return { parts, sum };
}

/**
 * (patched - corrupted) / (clean - corrupted): 1 when the patch restores the clean answer, 0 when it changes nothing.
 */
export function recovered(patched: number, clean: number, corrupted: number): number {
  return (patched - corrupted) / (clean - corrupted);
}

/**
 * Below this gap between the clean and corrupted logit differences, a recovered fraction
 * divides by almost nothing: a patch that moves the difference by 0.01 reads as 10x the
 * whole effect, so the heatmap's colours are mostly the noise of small changes.
 */
export const MIN_PATCH_CONTRAST = 0.1;

/** Whether two prompts differ too little in their logit difference for fractions to mean much. */
export function contrastTooSmall(clean: number, corrupted: number): boolean {
  return !(Math.abs(clean - corrupted) >= MIN_PATCH_CONTRAST);
}
