import { describe, expect, it } from 'vitest';
import { meanBits, natsToBits, surprisals } from '../../src/analysis/surprisal';
import type { TraceSummary } from '../../src/model/types';

/** A summary with just the fields surprisal reads. */
const summaryOf = (tokenIds: number[], predictions: TraceSummary['predictions']) =>
  ({ tokenIds, predictions }) as TraceSummary;

describe('surprisal', () => {
  it('converts nats to bits: p = 1/2 is one bit, p = 1/8 three', () => {
    expect(natsToBits(Math.log(0.5))).toBeCloseTo(1, 12);
    expect(natsToBits(Math.log(1 / 8))).toBeCloseTo(3, 12);
    expect(natsToBits(0)).toBeCloseTo(0, 12);
  });

  it("reads token t's probability from the prediction at t - 1, and gives the first token none", () => {
    const s = summaryOf(
      [10, 20, 30],
      [
        {
          top: [
            { id: 20, logit: 5, logprob: Math.log(0.25) },
            { id: 7, logit: 4, logprob: Math.log(0.2) },
          ],
          nextLogprob: Math.log(0.25),
          entropy: 1,
        },
        {
          top: [
            { id: 8, logit: 5, logprob: Math.log(0.5) },
            { id: 30, logit: 1, logprob: Math.log(1 / 16) },
          ],
          nextLogprob: Math.log(1 / 16),
          entropy: 1,
        },
        { top: [{ id: 1, logit: 1, logprob: -1 }], nextLogprob: null, entropy: 1 },
      ],
    );
    const rows = surprisals(s);
    expect(rows[0]).toEqual({ position: 0, id: 10, bits: null, guesses: [], rank: null });
    expect(rows[1].bits).toBeCloseTo(2, 12);
    expect(rows[1].rank).toBe(1);
    expect(rows[2].bits).toBeCloseTo(4, 12);
    expect(rows[2].rank).toBe(2);
    expect(rows[2].guesses[0].id).toBe(8);
    expect(meanBits(rows)).toBeCloseTo(3, 12);
  });

  it('has no mean for a one-token prompt', () => {
    expect(meanBits(surprisals(summaryOf([5], [{ top: [], nextLogprob: null, entropy: 0 }])))).toBeNull();
  });
});
