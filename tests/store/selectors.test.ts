import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoLast, topLogits } from '../../src/store';
import { stepStage } from '../../src/stages/registry';
import { clamp, finiteOr, messageOf } from '../../src/store/limits';

describe('topLogits', () => {
  it('equals sorting the whole vector and taking the first n (ties: lower id first)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (values, n) => {
          const expected = values
            .map((logit, id) => ({ id, logit }))
            .sort((a, b) => b.logit - a.logit || a.id - b.id)
            .slice(0, n);
          expect(topLogits(Float32Array.from(values), n)).toEqual(expected);
        },
      ),
    );
  });
});

describe('memoLast', () => {
  it('recomputes only when an argument changes', () => {
    let calls = 0;
    const f = memoLast((a: number, b: object) => ({ sum: a, b, n: ++calls }));
    const o = {};
    const first = f(1, o);
    expect(f(1, o)).toBe(first);
    expect(f(2, o)).not.toBe(first);
    expect(f(2, {})).not.toBe(first);
    expect(calls).toBe(3);
  });
});

describe('stepStage', () => {
  it('moves within the given stages and stops at the ends', () => {
    const stages = ['tokens', 'embed', 'final'] as const;
    expect(stepStage(stages, 'tokens', -1)).toBe('tokens');
    expect(stepStage(stages, 'tokens', 1)).toBe('embed');
    expect(stepStage(stages, 'final', 1)).toBe('final');
    expect(stepStage(stages, 'blocks', 1)).toBe('tokens');
  });
});

describe('limits', () => {
  it('clamps, keeps the old value for NaN, and shows only the first line of an error', () => {
    expect(clamp(5, 0, 2)).toBe(2);
    expect(finiteOr(Number.NaN, 3)).toBe(3);
    expect(messageOf(new Error('bad thing\n    at foo (x.js:1)'))).toBe('bad thing');
    expect(messageOf('plain')).toBe('plain');
  });
});
