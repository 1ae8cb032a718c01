import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytePairEncode } from '../../src/tokenizer/bpe';
import { binaryString, rankOf } from '../../src/tokenizer/ranks';
import { tokenBytes } from '../../src/tokenizer';

const utf8 = new TextEncoder();
const key = (id: number) => binaryString(tokenBytes(id));

describe('bytePairEncode', () => {
  it('gives nothing for no bytes and a single byte for one', () => {
    expect(bytePairEncode(new Uint8Array())).toEqual([]);
    expect(bytePairEncode(Uint8Array.of(0x61))).toEqual([64]);
    expect(bytePairEncode(Uint8Array.of(0xe4))).toEqual([rankOf('\xe4')]);
  });

  it('gives a piece that is itself a token as that token', () => {
    expect(bytePairEncode(utf8.encode(' world'))).toEqual([995]);
  });

  it('stops only when no two neighbouring parts join into a token, and keeps every byte', () => {
    const piece = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }).map((s) => utf8.encode(s)),
      fc
        .tuple(fc.constantFrom('a', 'ab', '0', '你'), fc.integer({ min: 1, max: 500 }))
        .map(([s, n]) => utf8.encode(s.repeat(n))),
    );
    fc.assert(
      fc.property(piece, (bytes) => {
        const ids = bytePairEncode(bytes);
        expect(ids.map(key).join('')).toBe(binaryString(bytes));
        for (let i = 0; i + 1 < ids.length; i++) expect(rankOf(key(ids[i]) + key(ids[i + 1]))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('rankOf', () => {
  it('knows every token by its bytes, and nothing longer than the longest token', () => {
    for (const id of [0, 64, 220, 995, 50169, 50255]) expect(rankOf(key(id))).toBe(id);
    expect(rankOf('a'.repeat(1000))).toBeUndefined();
  });
});
