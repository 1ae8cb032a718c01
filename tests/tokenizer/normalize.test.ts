import { describe, expect, it } from 'vitest';
import { normalizePrompt } from '../../src/tokenizer';

describe('normalizePrompt', () => {
  it('replaces lone surrogates with U+FFFD', () => {
    expect(normalizePrompt('a\uD800b')).toBe('a\uFFFDb');
    expect(normalizePrompt('\uDC00')).toBe('\uFFFD');
    expect(normalizePrompt('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    expect(normalizePrompt('x\uD83D')).toBe('x\uFFFD');
  });

  it('keeps surrogate pairs and everything else as typed', () => {
    for (const s of ['👋', 'e\u0301', '\r\n', '', '\uFEFF', 'ok\u0000']) {
      expect(normalizePrompt(s)).toBe(s);
    }
    expect(normalizePrompt('\uD83D\uDC4B\uD800')).toBe('👋\uFFFD');
  });
});
