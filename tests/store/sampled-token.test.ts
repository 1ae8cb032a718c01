import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampSamplingOptions, createRng, sample } from '../../src/sampling';
import { selectSampledToken } from '../../src/store';
import type { AppState } from '../../src/store/state';

/** Just the parts of the state the sampling selectors read. */
const stateWith = (lastLogits: Float32Array, temperature: number, topK: number, topP: number, seed: number) =>
  ({ trace: { summary: { lastLogits } }, inputs: { temperature, topK, topP, seed } }) as unknown as AppState;

describe('selectSampledToken', () => {
  it('is the token sample() draws with the same logits, options and seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 300 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 50 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (values, temperature, topK, topP, seed) => {
          const logits = Float32Array.from(values);
          const expected = sample(logits, clampSamplingOptions({ temperature, topK, topP }), createRng(seed)).id;
          expect(selectSampledToken(stateWith(logits, temperature, topK, topP, seed))).toBe(expected);
        },
      ),
    );
  });
});
