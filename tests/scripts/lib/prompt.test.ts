import { describe, expect, it } from 'vitest';
import { droppedNotice, promptIds, requirePrompt } from '../../../scripts/lib/prompt';

describe('requirePrompt', () => {
  it('rejects a missing or empty prompt', () => {
    expect(() => requirePrompt(undefined)).toThrow(/--text is required/);
    expect(() => requirePrompt('')).toThrow(/empty/);
  });

  it('keeps a whitespace-only prompt: spaces are tokens, as on the page', () => {
    expect(requirePrompt(' \n\t ')).toBe(' \n\t ');
  });

  it('replaces lone surrogates and keeps the rest', () => {
    expect(requirePrompt(' hi\uD800')).toBe(' hi\uFFFD');
  });
});

describe('promptIds', () => {
  it('passes a prompt that fits', () => {
    expect(promptIds('Hello world', 2)).toEqual({ ids: [15496, 995], dropped: 0 });
  });

  it('keeps the last tokens of a prompt that is too long, as the page does', () => {
    expect(promptIds('Hello world', 1)).toEqual({ ids: [995], dropped: 1 });
    expect(droppedNotice(1, 1)).toBe('the prompt is 1 tokens too long: the model sees only the last 1');
  });
});
