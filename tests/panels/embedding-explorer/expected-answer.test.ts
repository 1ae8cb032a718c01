import { describe, expect, it } from 'vitest';
import { expectedAnswer } from '../../../src/panels/embedding-explorer/expected-answer';

const rows: Record<number, number[]> = { 7: [0, 1] };
const row = (id: number) => rows[id];
const neighbours = [
  { id: 3, cosine: 0.9 },
  { id: 5, cosine: 0.8 },
];
const terms = [{ id: 1, sign: 1 as const }];

describe('expectedAnswer', () => {
  it('is nothing without an expected answer or before the search answers', () => {
    expect(expectedAnswer({ expected: null, terms, neighbours }, row, [1, 0])).toBeNull();
    expect(expectedAnswer({ expected: 5, terms, neighbours: null }, row, [1, 0])).toBeNull();
  });

  it('says when the answer is one of the inputs', () => {
    expect(expectedAnswer({ expected: 1, terms, neighbours }, row, [1, 0])).toEqual({ kind: 'input', id: 1 });
  });

  it('gives the place and cosine of a listed answer', () => {
    expect(expectedAnswer({ expected: 5, terms, neighbours }, row, [1, 0])).toEqual({
      kind: 'listed',
      id: 5,
      rank: 2,
      cosine: 0.8,
    });
  });

  it("sets an unlisted answer's cosine against the last listed one", () => {
    const answer = expectedAnswer({ expected: 7, terms, neighbours }, row, [1, 1]);
    expect(answer).toMatchObject({ kind: 'beyond', id: 7, listed: 2, lastCosine: 0.8 });
    expect(answer?.kind === 'beyond' && answer.cosine).toBeCloseTo(Math.SQRT1_2, 12);
  });
});
