import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPercent } from '../../src/app/format';
import { positionEmbeddingParams, tokenEmbeddingParams, totalParams } from '../../src/app/parameters';
import { readPageOptions } from '../../src/app/url-params';

const gpt2Small = {
  n_layer: 12,
  n_head: 12,
  n_embd: 768,
  n_positions: 1024,
  vocab_size: 50257,
  layer_norm_epsilon: 1e-5,
};

describe('parameter counts', () => {
  it('match GPT-2 small: 124,439,808 in all, W_E alone 38,597,376 (the unembedding is tied)', () => {
    expect(totalParams(gpt2Small)).toBe(124_439_808);
    expect(tokenEmbeddingParams(gpt2Small)).toBe(38_597_376);
    expect(positionEmbeddingParams(gpt2Small)).toBe(786_432);
  });
});

describe('formatting', () => {
  it('writes bytes, counts and percentages for people', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(6_649_472)).toBe('6.6 MB');
    expect(formatCount(38597376)).toBe('38,597,376');
    expect(formatPercent(0.5)).toBe('50.0%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(3.3e-6)).toBe('3.3e-4%');
    expect(formatPercent(0)).toBe('0%');
  });
});

describe('page options from the URL', () => {
  it('accepts a known backend and reports an unknown one', () => {
    expect(readPageOptions('?backend=wasm')).toEqual({ backends: ['wasm'] });
    expect(readPageOptions('?backend=tpu')).toEqual({ badBackend: 'tpu' });
    expect(readPageOptions('?model=tiny-random')).toEqual({ model: 'tiny-random' });
    expect(readPageOptions('')).toEqual({});
  });
});
