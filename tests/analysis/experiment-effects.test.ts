import { describe, expect, it } from 'vitest';
import {
  contrastTooSmall,
  maxAbsDiff,
  MIN_PATCH_CONTRAST,
  probabilityChanges,
  recovered,
  residualCosines,
  sortedContributions,
  stageChanges,
} from '../../src/analysis/experiment-effects';
import type { Matrix, TraceSummary } from '../../src/model/types';
import { softmax } from '../../src/sampling';

const matrix = (rows: number, cols: number, values: number[]): Matrix => ({
  rows,
  cols,
  data: Float32Array.from(values),
});
const summary = (resid: Matrix[]) => ({ resid }) as TraceSummary;

describe('experiment effects', () => {
  it('list the likeliest tokens of either run with both probabilities', () => {
    const before = Float32Array.from([3, 1, 0, -1]);
    const after = Float32Array.from([0, 1, 3, -1]);
    const changes = probabilityChanges(before, after, 1);
    expect(changes.map((c) => c.id)).toEqual([0, 2]);
    const p = softmax(before);
    const q = softmax(after);
    expect(changes[0]).toEqual({ id: 0, before: p[0], after: q[0] });
    expect(changes[1]).toEqual({ id: 2, before: p[2], after: q[2] });
  });

  it('find the stages whose residual stream moved', () => {
    const same = matrix(1, 2, [1, 2]);
    const moved = matrix(1, 2, [1, 2.5]);
    expect(maxAbsDiff(same, moved)).toBe(0.5);
    const changes = stageChanges(summary([same, same, same]), summary([same, moved, moved]));
    expect(changes.map((c) => c.changed)).toEqual([false, true, true]);
    expect(changes[1].maxDiff).toBe(0.5);
    expect(() => maxAbsDiff(same, matrix(2, 1, [1, 2]))).toThrow('shapes differ');
  });

  it('compare one token across two contexts: 1 where the vectors are equal, less where they part', () => {
    const a = summary([matrix(2, 2, [9, 9, 1, 0]), matrix(2, 2, [9, 9, 1, 0])]);
    const b = summary([matrix(1, 2, [1, 0]), matrix(1, 2, [1, 1])]);
    const cos = residualCosines(a, 1, b, 0);
    expect(cos[0]).toBe(1);
    expect(cos[1]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('order the attribution largest first and add it up', () => {
    const { parts, sum } = sortedContributions({ embed: 0.5, L0H0: -2, 'L0.mlp': 3, 'ln_final.b': 0.25 });
    expect(parts.map((p) => p.name)).toEqual(['L0.mlp', 'embed', 'ln_final.b', 'L0H0']);
    expect(sum).toBe(1.75);
  });

  it('measure the logit difference a patch recovers', () => {
    expect(recovered(3, 3, -1)).toBe(1);
    expect(recovered(-1, 3, -1)).toBe(0);
    expect(recovered(1, 3, -1)).toBe(0.5);
  });

  it('flag prompts whose logit differences are too close for fractions to mean much', () => {
    expect(contrastTooSmall(-3.0733, -3.0721)).toBe(true);
    expect(contrastTooSmall(1, 1 - MIN_PATCH_CONTRAST / 2)).toBe(true);
    expect(contrastTooSmall(3.2, -1.1)).toBe(false);
    expect(contrastTooSmall(-1, -1 - 2 * MIN_PATCH_CONTRAST)).toBe(false);
    expect(contrastTooSmall(Number.NaN, 0)).toBe(true);
  });
});
