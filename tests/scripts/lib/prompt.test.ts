import { describe, expect, it } from 'vitest';
import { promptIds, requirePrompt } from '../../../scripts/lib/prompt';

describe('requirePrompt', () => {
  it('rejects a missing, empty or whitespace-only prompt', () => {
    expect(() => requirePrompt(undefined)).toThrow(/--text is required/);
    expect(() => requirePrompt('')).toThrow(/empty/);
    expect(() => requirePrompt(' \n\t ')).toThrow(/empty/);
  });

  it('replaces lone surrogates and keeps the rest', () => {
    expect(requirePrompt(' hi\uD800')).toBe(' hi\uFFFD');
  });
});

describe('promptIds', () => {
  it('passes a prompt that fits', () => {
    expect(promptIds('Hello world', 2, false)).toEqual({ ids: [15496, 995], dropped: 0 });
  });

  it('explains a prompt that is too long and suggests --truncate', () => {
    expect(() => promptIds('one two three', 2, false)).toThrow(
      /the prompt is 3 tokens but the model reads at most 2; .*--truncate/,
    );
  });

  it('keeps the last tokens with truncate', () => {
    expect(promptIds('Hello world', 1, true)).toEqual({ ids: [995], dropped: 1 });
  });
});
