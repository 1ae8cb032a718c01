import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionSegments, headOffset, lineWidth, MIN_DRAWN_WEIGHT } from '../../src/charts/attention-lines';

describe('attentionSegments', () => {
  it("draws a query's lines to the keys it attends to, one per head", () => {
    const segs = attentionSegments({
      count: 4,
      position: 2,
      direction: 'from',
      heads: [
        { head: 0, weights: [0.5, 0.25, 0.25, 0] },
        { head: 3, weights: [0, 0, 1, 0] },
      ],
    });
    expect(segs).toEqual([
      { head: 0, query: 2, key: 0, weight: 0.5 },
      { head: 0, query: 2, key: 1, weight: 0.25 },
      { head: 0, query: 2, key: 2, weight: 0.25 },
      { head: 3, query: 2, key: 2, weight: 1 },
    ]);
  });

  it("draws 'attended to by' lines from later queries to the token", () => {
    const segs = attentionSegments({
      count: 3,
      position: 1,
      direction: 'to',
      heads: [{ head: 1, weights: [0, 0.6, 0.3] }],
    });
    expect(segs).toEqual([
      { head: 1, query: 1, key: 1, weight: expect.closeTo(0.6, 6) },
      { head: 1, query: 2, key: 1, weight: expect.closeTo(0.3, 6) },
    ]);
  });

  it('never draws a line into the future, nor an invisible one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((count) =>
          fc.record({
            count: fc.constant(count),
            position: fc.integer({ min: 0, max: count - 1 }),
            direction: fc.constantFrom('from' as const, 'to' as const),
            heads: fc.array(
              fc.record({
                head: fc.nat(11),
                weights: fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: count, maxLength: count }),
              }),
              { maxLength: 4 },
            ),
          }),
        ),
        (data) => {
          for (const s of attentionSegments(data)) {
            expect(s.key).toBeLessThanOrEqual(s.query);
            expect(s.weight).toBeGreaterThanOrEqual(MIN_DRAWN_WEIGHT);
            expect(data.direction === 'from' ? s.query : s.key).toBe(data.position);
          }
        },
      ),
    );
  });
});

describe('line geometry', () => {
  it('spreads heads symmetrically over the middle half of a row', () => {
    expect(headOffset(0, 1, 20)).toBe(0);
    expect(headOffset(0, 12, 20)).toBe(-5);
    expect(headOffset(11, 12, 20)).toBe(5);
    expect(headOffset(3, 12, 20)).toBeCloseTo(-headOffset(8, 12, 20), 12);
  });

  it('makes heavier weights wider', () => {
    expect(lineWidth(1)).toBeGreaterThan(lineWidth(0.5));
    expect(lineWidth(0)).toBeGreaterThan(0);
  });
});
