import { describe, expect, it } from 'vitest';
import type { Matrix, TraceSummary } from '../../src/model/types';
import { residualNorms } from '../../src/ui/residual-norms';

const m = (rows: number[][]): Matrix => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

describe('residualNorms', () => {
  it("gives each token's vector length at every layer boundary", () => {
    const summary = {
      resid: [
        m([
          [3, 4],
          [0, 1],
        ]),
        m([
          [6, 8],
          [0, 2],
        ]),
        m([
          [0, 0],
          [5, 12],
        ]),
      ],
    } as unknown as TraceSummary;
    expect(residualNorms(summary)).toEqual([
      [5, 1],
      [10, 2],
      [0, 13],
    ]);
  });
});
