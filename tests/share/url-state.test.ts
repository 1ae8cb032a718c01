import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_CHARS, parseShareState, serializeShareState, type ShareState } from '../../src/share/url-state';
import { DEFAULT_INPUTS } from '../../src/store/app-store';
import { STAGE_IDS } from '../../src/stages/registry';
import { parseExperiment } from '../../src/share/experiment-params';

const state: ShareState = {
  prompt: 'Héllo wörld & 你好 🙂 ?=#+%',
  model: 'tiny-random',
  temperature: 0.7,
  topK: 40,
  topP: 0.9,
  seed: 123,
  stage: 'blocks',
  layer: 1,
  head: 3,
  token: 5,
  experiment: parseExperiment(new URLSearchParams()),
};

describe('share URL state', () => {
  it('round-trips a state through the query string', () => {
    expect(parseShareState(serializeShareState(state))).toEqual(state);
  });

  it('keeps the other parameters of the page (backend, hub)', () => {
    const q = serializeShareState(state, '?backend=wasm&hub=https%3A%2F%2Fhf-mirror.com&layer=9');
    const params = new URLSearchParams(q);
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('hub')).toBe('https://hf-mirror.com');
    expect(params.get('layer')).toBe('1');
  });

  it('gives the defaults for an empty query', () => {
    expect(parseShareState('')).toEqual({
      prompt: DEFAULT_INPUTS.prompt,
      temperature: DEFAULT_INPUTS.temperature,
      topK: DEFAULT_INPUTS.topK,
      topP: DEFAULT_INPUTS.topP,
      seed: DEFAULT_INPUTS.seed,
      layer: 0,
      head: 0,
      experiment: parseExperiment(new URLSearchParams()),
    });
  });

  it('turns garbage into defaults and clamps out-of-range values', () => {
    const s = parseShareState('?t=NaN&k=-5&p=7&seed=1e99&stage=nowhere&layer=-3&head=abc&token=2.6&model=%20');
    expect(s.temperature).toBe(DEFAULT_INPUTS.temperature);
    expect(s.topK).toBe(0);
    expect(s.topP).toBe(1);
    expect(s.seed).toBe(2 ** 32 - 1);
    expect(s.stage).toBeUndefined();
    expect(s.layer).toBe(0);
    expect(s.head).toBe(0);
    expect(s.token).toBe(3);
    expect(s.model).toBeUndefined();
    expect(parseShareState('?t=Infinity&p=0').temperature).toBe(DEFAULT_INPUTS.temperature);
    expect(parseShareState('?t=5').temperature).toBe(2);
    expect(parseShareState('?p=0').topP).toBe(0.01);
  });

  it('cuts an enormous prompt', () => {
    expect(parseShareState(`?prompt=${'a'.repeat(MAX_PROMPT_CHARS + 10)}`).prompt).toHaveLength(MAX_PROMPT_CHARS);
  });

  it('never throws and always yields values in range, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(
          fc.constantFrom('prompt', 't', 'k', 'p', 'seed', 'stage', 'layer', 'head', 'token', 'model'),
          fc.string(),
        ),
        (raw, dict) => {
          for (const search of [raw, `?${new URLSearchParams(dict).toString()}`]) {
            const s = parseShareState(search);
            expect(s.temperature).toBeGreaterThanOrEqual(0);
            expect(s.temperature).toBeLessThanOrEqual(2);
            expect(Number.isInteger(s.topK) && s.topK >= 0).toBe(true);
            expect(s.topP).toBeGreaterThanOrEqual(0.01);
            expect(s.topP).toBeLessThanOrEqual(1);
            expect(Number.isInteger(s.seed) && s.seed >= 0 && s.seed <= 2 ** 32 - 1).toBe(true);
            for (const i of [s.layer, s.head, s.token ?? 0]) expect(Number.isInteger(i) && i >= 0).toBe(true);
            if (s.stage !== undefined) expect(STAGE_IDS).toContain(s.stage);
            // What was parsed serialises and parses back to itself.
            expect(parseShareState(serializeShareState(s))).toEqual(s);
          }
        },
      ),
    );
  });
});
