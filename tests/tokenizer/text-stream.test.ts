import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTextStream } from '../../src/tokenizer/text-stream';
import { encodeToIds, tokenBytes } from '../../src/tokenizer';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Pushes each piece and records what came out after each. */
function stream(pieces: Uint8Array[]): { outputs: string[]; text: string } {
  const s = createTextStream();
  const outputs = pieces.map((p) => s.push(p));
  outputs.push(s.end());
  return { outputs, text: outputs.join('') };
}

describe('createTextStream', () => {
  it('holds the bytes of a character split over tokens until it is complete', () => {
    // 你 is E4 BD A0; 😀 is F0 9F 98 80.
    const { outputs } = stream([
      Uint8Array.of(0x41, 0xe4, 0xbd),
      Uint8Array.of(0xa0, 0xf0),
      Uint8Array.of(0x9f, 0x98),
      Uint8Array.of(0x80, 0x21),
    ]);
    expect(outputs).toEqual(['A', '你', '', '😀!', '']);
  });

  it('shows a character cut off at the end as its bytes, never as U+FFFD', () => {
    expect(stream([utf8('ok'), Uint8Array.of(0xe4, 0xbd)]).text).toBe('ok<E4 BD>');
  });

  it('shows stray and invalid bytes at once, and goes on', () => {
    const { outputs } = stream([Uint8Array.of(0xbd, 0x41), Uint8Array.of(0xff), Uint8Array.of(0xe4, 0x41)]);
    expect(outputs).toEqual(['<BD>A', '<FF>', '<E4>A', '']);
  });

  it('gives back the text of any well-formed string, however its token bytes are cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const pieces = encodeToIds(text).map(tokenBytes);
        const { text: out } = stream(pieces);
        expect(out).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
