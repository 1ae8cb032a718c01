import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createRng,
  draw,
  filterDistribution,
  finalDistribution,
  rankByLogit,
  rankByProbability,
  rankByProbabilityFrom,
  sample,
  softmax,
  type SamplingOptions,
} from '../../src/sampling';

const opts = (o: Partial<SamplingOptions>): SamplingOptions => ({ temperature: 1, topK: 0, topP: 1, ...o });
const kept = (p: ArrayLike<number>) => Array.from(p).flatMap((x, i) => (x > 0 ? [i] : []));
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

// probabilities 0.4, 0.3, 0.2, 0.1 at T = 1
const logits = [Math.log(0.1), Math.log(0.4), Math.log(0.2), Math.log(0.3)];

describe('finalDistribution', () => {
  it('with every filter off is the plain softmax', () => {
    const p = finalDistribution(logits, opts({}));
    expect(p[1]).toBeCloseTo(0.4, 12);
    expect(p[0]).toBeCloseTo(0.1, 12);
  });

  it('top-k 0 and k >= vocabulary size are off; k = 1 is greedy', () => {
    expect(kept(finalDistribution(logits, opts({ topK: 0 })))).toEqual([0, 1, 2, 3]);
    expect(kept(finalDistribution(logits, opts({ topK: 4 })))).toEqual([0, 1, 2, 3]);
    expect(kept(finalDistribution(logits, opts({ topK: 99 })))).toEqual([0, 1, 2, 3]);
    expect(Array.from(finalDistribution(logits, opts({ topK: 1 })))).toEqual([0, 1, 0, 0]);
  });

  it('top-k renormalizes what it keeps', () => {
    const p = finalDistribution(logits, opts({ topK: 2 }));
    expect(kept(p)).toEqual([1, 3]);
    expect(p[1]).toBeCloseTo(0.4 / 0.7, 12);
    expect(sum(p)).toBeCloseTo(1, 12);
  });

  it('top-k keeps exactly k on ties, lowest ids first', () => {
    expect(kept(finalDistribution([1, 2, 2, 2, 0], opts({ topK: 2 })))).toEqual([1, 2]);
  });

  it('top-p keeps the smallest set reaching p', () => {
    expect(kept(finalDistribution(logits, opts({ topP: 0.4 })))).toEqual([1]);
    expect(kept(finalDistribution(logits, opts({ topP: 0.5 })))).toEqual([1, 3]);
    expect(kept(finalDistribution(logits, opts({ topP: 0.75 })))).toEqual([1, 2, 3]);
    const p = finalDistribution(logits, opts({ topP: 0.6 }));
    expect(p[3]).toBeCloseTo(0.3 / 0.7, 12);
  });

  it('top-p 0 keeps only the top token; top-p 1 keeps all', () => {
    expect(Array.from(finalDistribution(logits, opts({ topP: 0 })))).toEqual([0, 1, 0, 0]);
    expect(kept(finalDistribution(logits, opts({ topP: 1 })))).toEqual([0, 1, 2, 3]);
  });

  it('top-p works over the whole vocabulary, after top-k', () => {
    const flat = new Float32Array(50257).fill(0);
    const all = finalDistribution(flat, opts({ topP: 0.5 }));
    expect(kept(all).length).toBe(Math.ceil(50257 * 0.5));
    const both = finalDistribution(logits, opts({ topK: 2, topP: 0.5 }));
    expect(kept(both)).toEqual([1]); // 0.4 / 0.7 > 0.5
  });

  it('T = 0 is greedy whatever the filters say', () => {
    expect(Array.from(finalDistribution(logits, opts({ temperature: 0, topK: 3, topP: 0.9 })))).toEqual([0, 1, 0, 0]);
  });

  it('all-equal logits with top-k keep the lowest ids', () => {
    expect(kept(finalDistribution([3, 3, 3, 3, 3], opts({ topK: 3 })))).toEqual([0, 1, 2]);
  });

  it('-Infinity logits are never kept', () => {
    const p = finalDistribution([-Infinity, 1, -Infinity], opts({ topP: 1, topK: 3 }));
    expect(Array.from(p)).toEqual([0, 1, 0]);
  });

  it('rejects out-of-range options with a clear message', () => {
    expect(() => finalDistribution(logits, opts({ temperature: -1 }))).toThrow(/temperature must be between/);
    expect(() => finalDistribution(logits, opts({ topK: -2 }))).toThrow(/top-k/);
    expect(() => finalDistribution(logits, opts({ topP: 1.5 }))).toThrow(/top-p/);
    expect(() => finalDistribution(logits, opts({ temperature: NaN }))).toThrow(/must be a number/);
  });
});

describe('draw', () => {
  it('walks the running total in id order', () => {
    const p = [0.25, 0, 0.5, 0.25];
    expect(draw(p, 0)).toBe(0);
    expect(draw(p, 0.2499)).toBe(0);
    expect(draw(p, 0.25)).toBe(2);
    expect(draw(p, 0.9999999)).toBe(3);
  });

  it('never returns a token with probability 0, even when rounding leaves the total under 1', () => {
    expect(draw([0.3, 0.3, 0.3999999, 0], 0.99999999)).toBe(2);
  });
});

describe('sample', () => {
  it('is deterministic for a seed and follows the distribution', () => {
    const a = createRng(42);
    const b = createRng(42);
    const runA = Array.from({ length: 50 }, () => sample(logits, opts({}), a).id);
    const runB = Array.from({ length: 50 }, () => sample(logits, opts({}), b).id);
    expect(runA).toEqual(runB);

    const rng = createRng(7);
    const counts = [0, 0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) counts[sample(logits, opts({}), rng).id]++;
    expect(counts[1] / n).toBeCloseTo(0.4, 1);
    expect(counts[0] / n).toBeCloseTo(0.1, 1);
  });

  it('returns the distribution it drew from', () => {
    const { id, probs } = sample(logits, opts({ topK: 2 }), createRng(1));
    expect([1, 3]).toContain(id);
    expect(probs[0]).toBe(0);
  });

  it('T = 0 always gives the argmax', () => {
    const rng = createRng(3);
    for (let i = 0; i < 20; i++) expect(sample(logits, opts({ temperature: 0 }), rng).id).toBe(1);
  });
});

describe('filterDistribution over a kept ranking by logit', () => {
  it('gives finalDistribution exactly, for any logits (ties, rounding ties and underflow included), temperature, top-k and top-p', () => {
    const logit = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ min: -800, max: 20, noNaN: true }),
      fc.constantFrom(-1e-45, 5e-324, -Infinity),
    );
    fc.assert(
      fc.property(
        fc.array(logit, { minLength: 1, maxLength: 30 }).filter((ls) => ls.some((l) => l > -Infinity)),
        fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 2, noNaN: true })),
        fc.integer({ min: 0, max: 35 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (ls, temperature, topK, topP) => {
          const o = opts({ temperature, topK, topP });
          const probs = softmax(ls, temperature);
          expect(rankByProbabilityFrom(rankByLogit(ls), probs)).toEqual(rankByProbability(probs));
          const byLogit = rankByLogit(ls);
          const got = filterDistribution(probs, o, () => rankByProbabilityFrom(byLogit, probs));
          expect(Array.from(got)).toEqual(Array.from(finalDistribution(ls, o)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
