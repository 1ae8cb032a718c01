/**
 * Text -> GPT-2 token ids: GPT-2's pre-tokenization regex splits the text into pieces
 * (words with their leading space, runs of digits, of punctuation, of whitespace), then
 * each piece's UTF-8 bytes are byte-pair merged on their own (bpe.ts).
 * Special tokens are not recognised: "<|endoftext|>" in a prompt is plain text.
 */
import { R50K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { bytePairEncode } from './bpe';

const utf8 = new TextEncoder();

// Prose repeats its words, so recent pieces are remembered. Only short pieces: a long
// one is rare, and keeping it would hold its whole text.
const CACHE_PIECES = 20_000;
const CACHE_PIECE_LENGTH = 64;
const cache = new Map<string, number[]>();

function encodePiece(piece: string): number[] {
  const cached = cache.get(piece);
  if (cached !== undefined) return cached;
  const ids = bytePairEncode(utf8.encode(piece));
  if (piece.length <= CACHE_PIECE_LENGTH) {
    if (cache.size >= CACHE_PIECES) cache.clear();
    cache.set(piece, ids);
  }
  return ids;
}

/** The ids of well-formed text (no lone surrogates: see normalize.ts). */
export function encodeWellFormed(text: string): number[] {
  const ids: number[] = [];
  for (const [piece] of text.matchAll(R50K_TOKEN_SPLIT_REGEX)) {
    for (const id of encodePiece(piece)) ids.push(id);
  }
  return ids;
}
