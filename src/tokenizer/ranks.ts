/**
 * Byte string -> GPT-2 token id, the lookup byte-pair merging needs. In GPT-2's
 * vocabulary (r50k_base) a token's id is also its merge rank: a lower id was learned
 * earlier and is merged first.
 *
 * Keys are "binary strings", one char per byte (char code 0..255), so a piece of a
 * multi-byte character and a whole character are keyed alike and a span of a piece's
 * bytes is a cheap String.slice.
 */
import vocabulary from 'gpt-tokenizer/bpeRanks/r50k_base';

let table: Map<string, number> | undefined;
// The longest token in bytes: a longer span is never a token, so it needs no lookup
// (hashing a long key would cost its length).
let longest = 0;

/** One char per byte; the key format of rankOf. */
export function binaryString(bytes: Uint8Array): string {
  let s = '';
  // Chunks keep the argument list of fromCharCode well under engines' limits.
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

const utf8 = new TextEncoder();
const ascii = /^[\x00-\x7f]*$/;

// The rank table stores a token as a string when its bytes are valid UTF-8, else as
// bytes (see vocab.ts). An ASCII string is already its own binary string.
function buildTable(): Map<string, number> {
  const map = new Map<string, number>();
  vocabulary.forEach((entry, id) => {
    const key =
      typeof entry === 'string' && ascii.test(entry)
        ? entry
        : binaryString(typeof entry === 'string' ? utf8.encode(entry) : Uint8Array.from(entry));
    map.set(key, id);
    longest = Math.max(longest, key.length);
  });
  return map;
}

/** The token id (= merge rank) of a byte string in binary-string form, or undefined. */
export function rankOf(key: string): number | undefined {
  table ??= buildTable();
  return key.length > longest ? undefined : table.get(key);
}
