import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/hub/catalog';
import { parseWeightsIndex, weightsFolder } from '../../src/app/weights-index';

describe('weights/index.json', () => {
  it('names the folder of every bundled and local catalog model, and none of the Hub one', () => {
    expect(Object.fromEntries(buildCatalog().map((e) => [e.id, weightsFolder(e.url)]))).toEqual({
      'gpt2-mini-circuits': 'gpt2-mini-circuits',
      'gpt2-local': 'gpt2',
      'gpt2-hub': null,
      'tiny-random': 'tiny-random',
    });
    expect(weightsFolder('weights/x/')).toBe('x');
    expect(weightsFolder('./weights/a/b/')).toBeNull();
  });

  it('parses a list of folder names and nothing else', () => {
    expect(parseWeightsIndex({ models: ['a', 'b'] })).toEqual(new Set(['a', 'b']));
    expect(parseWeightsIndex({ models: [] })).toEqual(new Set());
    for (const bad of [null, 'x', {}, { models: 'a' }, { models: [1] }]) expect(parseWeightsIndex(bad)).toBeNull();
  });
});
