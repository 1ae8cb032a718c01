import { describe, expect, it } from 'vitest';
import { formatNorm, lastTokenNorms, topNext } from '../../src/first-screen/overview-data';
import type { TraceSummary } from '../../src/model/types';

const matrix = (rows: number[][]) => ({
  rows: rows.length,
  cols: rows[0].length,
  data: Float32Array.from(rows.flat()),
});

describe('the overview’s numbers', () => {
  it('takes the last token’s residual norm at every layer boundary', () => {
    const resid = [
      matrix([
        [1, 0],
        [3, 4],
      ]),
      matrix([
        [0, 0],
        [6, 8],
      ]),
    ];
    expect(lastTokenNorms({ resid } as unknown as TraceSummary)).toEqual([5, 10]);
  });

  it('lists the top next tokens with their probabilities, and writes norms short', () => {
    const probs = Float64Array.from([0.1, 0.6, 0.3]);
    const top = [
      { id: 1, logit: 2 },
      { id: 2, logit: 1 },
      { id: 0, logit: 0 },
    ];
    expect(topNext(top, probs, 2).map((n) => n.p)).toEqual([0.6, 0.3]);
    expect([formatNorm(123.4), formatNorm(45.67), formatNorm(3.14159)]).toEqual(['123', '45.7', '3.14']);
  });
});
