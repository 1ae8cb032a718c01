import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXPERIMENT_KEYS,
  parseExperiment,
  writeExperiment,
  type ShareExperiment,
} from '../../src/share/experiment-params';
import { parseShareState, serializeShareState } from '../../src/share/url-state';
import { INDIRECT_OBJECT_EXAMPLE } from '../../src/store/experiment-examples';

const experiment: ShareExperiment = {
  view: 'patch',
  ablations: [
    { part: 'head', layer: 1, head: 2 },
    { part: 'mlp', layer: 0 },
    { part: 'neuron', layer: 3, neuron: 17 },
  ],
  ablation: 'mean',
  run: 'edited',
  compare: 'deputy leader is highly respected in the party',
  compareToken: 8,
  clean: 'A & B = 你好 ?#',
  corrupted: 'B & A = 你好 ?#',
  answer: ' A',
  against: ' B',
  hook: 'attn.hook_z',
  target: ' Mary',
  targetAgainst: ' John',
};

const roundTrip = (x: ShareExperiment) => {
  const params = new URLSearchParams();
  writeExperiment(params, x);
  return parseExperiment(new URLSearchParams(params.toString()));
};

describe('an experiment in a share link', () => {
  it('round-trips every field through the query string', () => {
    expect(roundTrip(experiment)).toEqual(experiment);
    const whole = parseShareState(serializeShareState({ ...parseShareState(''), experiment }));
    expect(whole.experiment).toEqual(experiment);
  });

  it('writes nothing for the defaults, so a plain link stays short', () => {
    const params = new URLSearchParams();
    writeExperiment(params, parseExperiment(new URLSearchParams()));
    expect(params.toString()).toBe('');
    // The defaults are the indirect-object example, ready to sweep.
    expect(parseExperiment(new URLSearchParams())).toMatchObject({
      view: 'ablate',
      ablations: [],
      ...INDIRECT_OBJECT_EXAMPLE,
    });
  });

  it('names the parts switched off as the attribution does (L1H2, L0.mlp, L3N17)', () => {
    const params = new URLSearchParams();
    writeExperiment(params, experiment);
    expect(params.get(EXPERIMENT_KEYS.ablations)).toBe('L1H2,L0.mlp,L3N17');
  });

  it('keeps which run the stages show, only while parts are switched off', () => {
    expect(parseExperiment(new URLSearchParams('ablate=L1H2&run=edited')).run).toBe('edited');
    expect(parseExperiment(new URLSearchParams('run=edited')).run).toBe('original');
    expect(parseExperiment(new URLSearchParams('ablate=L1H2&run=both')).run).toBe('original');
    const params = new URLSearchParams();
    writeExperiment(params, { ...experiment, ablations: [] });
    expect(params.get(EXPERIMENT_KEYS.run)).toBeNull();
  });

  it('drops unknown views, kinds, hooks and names, and repeats', () => {
    const x = parseExperiment(
      new URLSearchParams('x=nowhere&ablation=half&sweep=hook_q&ablate=L1H2,bogus,L1H2,L2N-1&cmpTok=-4'),
    );
    expect(x.view).toBe('ablate');
    expect(x.ablation).toBe('zero');
    expect(x.hook).toBe('hook_resid_pre');
    expect(x.ablations).toEqual([{ part: 'head', layer: 1, head: 2 }]);
    expect(x.compareToken).toBeUndefined();
  });

  it('reads a compared position only from plain digits', () => {
    for (const raw of [' ', '0x1', '1e2', '2.0', '']) {
      expect(parseExperiment(new URLSearchParams({ cmp: 'a b', cmpTok: raw })).compareToken).toBeUndefined();
    }
    expect(parseExperiment(new URLSearchParams({ cmp: 'a b', cmpTok: '12' })).compareToken).toBe(12);
    expect(parseExperiment(new URLSearchParams({ cmpTok: '1' })).compareToken).toBeUndefined();
  });

  it('never throws, and what it parsed writes back to itself', () => {
    const keys = Object.values(EXPERIMENT_KEYS);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.string()), (dict) => {
        const x = parseExperiment(new URLSearchParams(dict));
        expect(roundTrip(x)).toEqual(x);
      }),
    );
  });
});
