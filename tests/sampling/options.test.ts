import { describe, expect, it } from 'vitest';
import { clampSamplingOptions, MAX_TEMPERATURE, validateSamplingOptions } from '../../src/sampling';

describe('clampSamplingOptions', () => {
  it('brings values into range', () => {
    expect(clampSamplingOptions({ temperature: -1, topK: -3, topP: 2 })).toEqual({ temperature: 0, topK: 0, topP: 1 });
    expect(clampSamplingOptions({ temperature: 99, topK: 2.7, topP: -0.5 })).toEqual({
      temperature: MAX_TEMPERATURE,
      topK: 2,
      topP: 0,
    });
    expect(clampSamplingOptions({ temperature: Infinity, topK: Infinity, topP: 0.9 })).toEqual({
      temperature: MAX_TEMPERATURE,
      topK: 0,
      topP: 0.9,
    });
  });

  it('throws on values that are not numbers', () => {
    expect(() => clampSamplingOptions({ temperature: NaN, topK: 0, topP: 1 })).toThrow(/temperature must be a number/);
    expect(() => clampSamplingOptions({ temperature: 1, topK: NaN, topP: 1 })).toThrow(/top-k must be a number/);
    expect(() => clampSamplingOptions({ temperature: 1, topK: 0, topP: '0.5' as unknown as number })).toThrow(
      /top-p must be a number/,
    );
  });
});

describe('validateSamplingOptions', () => {
  it('accepts the edges of every range', () => {
    for (const o of [
      { temperature: 0, topK: 0, topP: 0 },
      { temperature: MAX_TEMPERATURE, topK: 50257, topP: 1 },
    ]) {
      expect(validateSamplingOptions(o)).toEqual(o);
    }
  });

  it('names the first option out of range', () => {
    expect(() => validateSamplingOptions({ temperature: -0.1, topK: 0, topP: 1 })).toThrow(/^temperature/);
    expect(() => validateSamplingOptions({ temperature: 1, topK: 1.5, topP: 1 })).toThrow(/^top-k/);
    expect(() => validateSamplingOptions({ temperature: 1, topK: 0, topP: 1.01 })).toThrow(/^top-p/);
  });
});
