import { describe, expect, it } from 'vitest';
import { parseExpression, parseOptionalToken, parseTokenList } from '../../src/analysis/expression';
import { encode } from '../../src/tokenizer';

const id = (text: string) => encode(text)[0].id;

describe('parseExpression', () => {
  it('reads king - man + woman as signed single tokens with leading spaces', () => {
    const r = parseExpression('king - man + woman', true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((t) => [t.sign, t.token.id])).toEqual([
      [1, id(' king')],
      [-1, id(' man')],
      [1, id(' woman')],
    ]);
  });

  it('keeps words as typed without the leading-space option, and allows a leading sign', () => {
    const r = parseExpression('-king+man', false);
    expect(r.ok && r.value.map((t) => [t.sign, t.token.id])).toEqual([
      [-1, id('king')],
      [1, id('man')],
    ]);
  });

  it('refuses multi-token words, naming their pieces', () => {
    const r = parseExpression('king - antidisestablishmentarianism', true);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.key).toBe('expr.multi');
    expect(String(r.error.vars.pieces)).toContain('|');
  });

  it('refuses doubled or trailing operators and empty input', () => {
    expect(parseExpression('king - + man', true)).toMatchObject({ ok: false, error: { key: 'expr.operator' } });
    expect(parseExpression('king -', true)).toMatchObject({ ok: false, error: { key: 'expr.operator' } });
    expect(parseExpression('   ', true)).toMatchObject({ ok: false, error: { key: 'expr.empty' } });
  });
});

describe('parseTokenList', () => {
  it('reads a comma-separated list, dropping duplicates', () => {
    const r = parseTokenList('king, queen, ,king', true);
    expect(r.ok && r.value.map((t) => t.id)).toEqual([id(' king'), id(' queen')]);
  });
});

describe('parseOptionalToken', () => {
  it('gives null for an empty field, one token for a word, and the multi-token error otherwise', () => {
    expect(parseOptionalToken('  ', true)).toEqual({ ok: true, value: null });
    const r = parseOptionalToken('queen', true);
    expect(r.ok && r.value?.id).toBe(id(' queen'));
    expect(parseOptionalToken('antidisestablishmentarianism', true)).toMatchObject({
      ok: false,
      error: { key: 'expr.multi' },
    });
  });
});
