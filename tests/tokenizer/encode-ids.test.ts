import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encode as referenceEncode } from 'gpt-tokenizer/encoding/r50k_base';
import { encodeWellFormed } from '../../src/tokenizer/encode-ids';
import { decode } from '../../src/tokenizer';

// gpt-tokenizer's own encoder (quadratic merge) is the reference: same vocabulary, same
// regex, GPT-2's merge rule. Empty sets make it treat "<|endoftext|>" as plain text, as we do.
const plainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const reference = (text: string) => referenceEncode(text, plainText);

const sha256 = (ids: number[]) => createHash('sha256').update(ids.join(',')).digest('hex');

/** n CJK ideographs spread over the block by a prime stride: no punctuation, so one piece. */
const ideographs = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20992))).join('');

describe("encodeWellFormed gives gpt-tokenizer's ids", () => {
  it('for random strings: binary, graphemes, words and runs', () => {
    const word = fc.constantFrom(
      'the',
      ' the',
      'Hello',
      ' world',
      "'s",
      "'ll",
      ' 1234',
      '  ',
      '\n\n',
      '你好',
      '👋',
      '<|endoftext|>',
      'ing',
      'é',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.array(word, { maxLength: 20 }).map((a) => a.join('')),
      fc
        .array(fc.oneof(word, fc.string({ unit: 'binary-ascii', maxLength: 6 })), { maxLength: 20 })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(encodeWellFormed(s)).toEqual(reference(s));
      }),
      { numRuns: 1000 },
    );
  });

  it('for long runs of one letter, of digits, of mixed letters and of CJK (one piece each)', () => {
    const letters = fc.stringMatching(/^[a-zA-Z]{1,3000}$/);
    const mixed = fc
      .tuple(fc.constantFrom('a', 'ab', 'xyz', 'the', 'e', 'ü', 'я', '0', '42'), fc.integer({ min: 1, max: 1000 }))
      .map(([s, n]) => s.repeat(n));
    fc.assert(
      fc.property(fc.oneof(letters, mixed), (s) => {
        expect(encodeWellFormed(s)).toEqual(reference(s));
      }),
      { numRuns: 40 },
    );
    for (const s of [
      'a'.repeat(3000),
      ' ' + 'a'.repeat(2999),
      '7'.repeat(3000),
      '1234567890'.repeat(300),
      ideographs(3000),
    ]) {
      expect(encodeWellFormed(s)).toEqual(reference(s));
    }
  });

  it('for English prose and code', () => {
    const prose =
      "It's a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.\n\n" +
      'function f(x) {\n\treturn x * 2; // 3.14159\n}\n   trailing spaces   \n' +
      "We'll see: they've gone, I'm here, you'd know. Done!!! ??? ... 2024-01-01";
    expect(encodeWellFormed(prose)).toEqual(reference(prose));
  });
});

// Count and SHA-256 of gpt-tokenizer's ids for the texts below, from one offline run of
// its encode (51 s for the letters, 69 s for the digits, 10 s for the ideographs on this
// machine under load): too slow to run here, which is the bug these tests are about.
const GOLDEN = {
  letters: { count: 25_000, sha256: 'a206725883d91fc4feee0d796577438eb01ec525cb5a3722e4d4bcb595be5a54' },
  digits: { count: 49_999, sha256: 'f296c0b0eaa79da496209d57ef5e3c16351d8399eb52e0ceae6567f72c9de9df' },
  ideographs: { count: 54_349, sha256: 'b37f0823d26750e22db043efbab096dfd5ed1b6a0bbdfd8b5ecdb3ba51f71631' },
};

describe('encodeWellFormed on one long word', () => {
  const cases = [
    { name: '100,000 × "a"', text: () => 'a'.repeat(100_000), expected: GOLDEN.letters },
    { name: '100,000 digits', text: () => '1234567890'.repeat(10_000), expected: GOLDEN.digits },
    {
      name: '20,000 Chinese characters with no punctuation',
      text: () => ideographs(20_000),
      expected: GOLDEN.ideographs,
    },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    const s = text();
    const ids = encodeWellFormed(s);
    expect(decode(ids)).toBe(s);
    expect(ids.length).toBe(expected.count);
    expect(sha256(ids)).toBe(expected.sha256);
  });
});
