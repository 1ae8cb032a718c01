/**
 * The raw bytes of every GPT-2 token, read from gpt-tokenizer's r50k_base rank table.
 *
 * The rank table is the byte-level BPE vocabulary itself: entry i is token i, stored as a
 * string when its bytes are valid UTF-8 and as a byte array when they are not (a piece of
 * a multi-byte character). It is the same information as GPT-2's encoder.json after its
 * byte-to-unicode mapping is undone, so no decode() call is needed, and unlike
 * gpt-tokenizer's decode() it carries no state from one call to the next.
 */
import ranks from 'gpt-tokenizer/bpeRanks/r50k_base';

/** GPT-2's only special token; it marks document boundaries in training data. */
export const END_OF_TEXT = '<|endoftext|>';
export const END_OF_TEXT_ID = 50256;

/** 50,256 BPE pieces plus <|endoftext|>. */
export const VOCAB_SIZE = 50257;

const utf8 = new TextEncoder();
const cache = new Map<number, Uint8Array>();

/** The bytes a token stands for; <|endoftext|> stands for its own spelling, as in Hugging Face's decode. */
export function tokenBytes(id: number): Uint8Array {
  if (!Number.isInteger(id) || id < 0 || id >= VOCAB_SIZE) {
    throw new RangeError(`token id ${id} is outside the vocabulary (0..${VOCAB_SIZE - 1})`);
  }
  let bytes = cache.get(id);
  if (bytes === undefined) {
    const entry = id === END_OF_TEXT_ID ? END_OF_TEXT : ranks[id];
    bytes = typeof entry === 'string' ? utf8.encode(entry) : Uint8Array.from(entry);
    cache.set(id, bytes);
  }
  return bytes;
}
