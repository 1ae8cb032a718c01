/**
 * GPT-2's byte-level BPE tokenizer, with each piece's raw bytes and a display form.
 * GPT-2's vocabulary and pre-tokenization regex come from gpt-tokenizer's r50k_base; the
 * merging is ours (bpe.ts), O(n log n) where gpt-tokenizer's is quadratic in the length
 * of one word, with the same result.
 */
import { encodeWellFormed } from './encode-ids';
import { displayBytes } from './display';
import { isCompleteUtf8 } from './utf8';
import { END_OF_TEXT, END_OF_TEXT_ID, tokenBytes } from './vocab';
import { normalizePrompt } from './normalize';

export { END_OF_TEXT, END_OF_TEXT_ID, VOCAB_SIZE, tokenBytes } from './vocab';
export { VISIBLE, displayBytes } from './display';
export { normalizePrompt, REPLACEMENT_CHARACTER } from './normalize';
export { contextUsage, fitToContext, type ContextUsage } from './context';

export interface TokenInfo {
  id: number;
  /** The exact bytes this piece stands for. */
  bytes: Uint8Array;
  /** The bytes decoded as UTF-8; a piece of a character decodes to U+FFFD (see `complete`). */
  text: string;
  /** How the piece is shown: "␣king", "↵", "<E4 BD>" (see display.ts). */
  display: string;
  /** False when the bytes are not a whole number of UTF-8 characters. */
  complete: boolean;
}

const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

export function tokenInfo(id: number): TokenInfo {
  const bytes = tokenBytes(id);
  return {
    id,
    bytes,
    text: lossy.decode(bytes),
    display: id === END_OF_TEXT_ID ? END_OF_TEXT : displayBytes(bytes),
    complete: isCompleteUtf8(bytes),
  };
}

/**
 * The ids of a text's pieces. Lone surrogates become U+FFFD first (see normalize.ts).
 * "<|endoftext|>" typed in a prompt is ordinary text: it is encoded as its plain pieces
 * ("<", "|", "end", ...), never as the special token 50256, so a user cannot inject a
 * document boundary by typing it.
 */
export function encodeToIds(text: string): number[] {
  return encodeWellFormed(normalizePrompt(text));
}

export function encode(text: string): TokenInfo[] {
  return encodeToIds(text).map(tokenInfo);
}

/**
 * The text of a sequence of ids: their bytes joined, then decoded as UTF-8 (so pieces of
 * one character rejoin; bytes left incomplete become U+FFFD). Pure: no state between calls.
 */
export function decode(ids: readonly number[]): string {
  const parts = ids.map(tokenBytes);
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  return lossy.decode(joined);
}
