import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decode, encode, encodeToIds, END_OF_TEXT_ID, tokenInfo, VOCAB_SIZE } from '../../src/tokenizer';

const ids = (text: string) => encode(text).map((t) => t.id);
const utf8 = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

describe('encode', () => {
  it('gives GPT-2 ids for well-known pieces', () => {
    expect(ids('Hello world')).toEqual([15496, 995]);
    expect(ids(' the')).toEqual([262]);
    expect(ids('\n')).toEqual([198]);
    expect(ids('The')).toEqual([464]);
  });

  it('gives nothing for the empty string', () => {
    expect(encode('')).toEqual([]);
  });

  it('encodes "<|endoftext|>" in a prompt as plain text, never as the special token', () => {
    const pieces = ids('a <|endoftext|> b');
    expect(pieces).not.toContain(END_OF_TEXT_ID);
    expect(pieces).toEqual([64, 1279, 91, 437, 1659, 5239, 91, 29, 275]);
    expect(decode(pieces)).toBe('a <|endoftext|> b');
  });

  it('splits a Chinese character and an emoji into byte pieces whose bytes rejoin', () => {
    const tokens = encode('你好 👋');
    expect(tokens.some((t) => !t.complete)).toBe(true);
    expect(concat(tokens.map((t) => t.bytes))).toEqual(utf8.encode('你好 👋'));
  });
});

describe('tokenInfo', () => {
  it('shows a leading space, newline and tab visibly', () => {
    expect(tokenInfo(995).display).toBe('␣world');
    expect(tokenInfo(198).display).toBe('↵');
    expect(tokenInfo(197).display).toBe('⇥');
    expect(tokenInfo(995).text).toBe(' world');
  });

  it('shows a piece of a character as its bytes', () => {
    const first = encode('你')[0];
    expect(first.complete).toBe(false);
    expect(first.display).toBe('<E4 BD>');
    expect(Array.from(first.bytes)).toEqual([0xe4, 0xbd]);
  });

  it('shows a space followed by an incomplete character as both', () => {
    const info = tokenInfo(50169);
    expect(Array.from(info.bytes)).toEqual([0x20, 0xf0, 0x9f, 0x91]);
    expect(info.display).toBe('␣<F0 9F 91>');
  });

  it('shows invisible characters by code point', () => {
    expect(
      encode('\u200b')
        .map((t) => t.display)
        .join(''),
    ).toBe('<U+200B>');
  });

  it('shows the special token by name', () => {
    const info = tokenInfo(END_OF_TEXT_ID);
    expect(info.display).toBe('<|endoftext|>');
    expect(info.text).toBe('<|endoftext|>');
  });

  it('rejects ids outside the vocabulary', () => {
    expect(() => tokenInfo(VOCAB_SIZE)).toThrow(/outside the vocabulary/);
    expect(() => tokenInfo(-1)).toThrow(/outside the vocabulary/);
    expect(() => tokenInfo(1.5)).toThrow(/outside the vocabulary/);
  });

  it('gives every id a non-empty display and bytes', () => {
    for (let id = 0; id < VOCAB_SIZE; id++) {
      const info = tokenInfo(id);
      expect(info.bytes.length).toBeGreaterThan(0);
      expect(info.display.length).toBeGreaterThan(0);
    }
  });
});

describe('decode', () => {
  it('is pure: an incomplete piece does not change the next call', () => {
    const [first, second] = encodeToIds('你');
    expect(decode([first])).toBe('\uFFFD');
    expect(decode([second])).toBe('\uFFFD');
    expect(decode([first, second])).toBe('你');
    expect(decode([995])).toBe(' world');
  });

  it('keeps a leading byte-order mark', () => {
    expect(decode(encodeToIds('\uFEFFabc'))).toBe('\uFEFFabc');
  });

  it('gives back any well-formed string exactly', () => {
    const unusual = fc.constantFrom(
      '\u0000',
      '\u200b',
      '\uFEFF',
      '\u00a0',
      '\r\n',
      '\t',
      'e\u0301',
      '👨‍👩‍👧',
      '🇫🇷',
      '\u{10FFFF}',
      "'s",
      '  ',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc
        .array(fc.oneof(unusual, fc.string({ unit: 'binary-ascii', maxLength: 4 })), { maxLength: 12 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        const tokens = encode(s);
        expect(decode(tokens.map((t) => t.id))).toBe(s);
        expect(concat(tokens.map((t) => t.bytes))).toEqual(utf8.encode(s));
      }),
      { numRuns: 500 },
    );
  });

  it('turns lone surrogates into U+FFFD (they have no UTF-8 form) and keeps everything else', () => {
    const codeUnit = fc.nat(0xffff).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 30 }), (s) => {
        const expected = s.replace(/[\uD800-\uDFFF]/g, (c, i: number) => {
          const hi = c <= '\uDBFF' && /[\uDC00-\uDFFF]/.test(s[i + 1] ?? '');
          const lo = c >= '\uDC00' && /[\uD800-\uDBFF]/.test(s[i - 1] ?? '');
          return hi || lo ? c : '\uFFFD';
        });
        expect(decode(encodeToIds(s))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
