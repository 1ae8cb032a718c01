/**
 * Byte-pair merging of one pre-tokenized piece, in O(n log n).
 *
 * The rule is GPT-2's (and tiktoken's, which gpt-tokenizer follows): start from single
 * bytes; repeatedly merge the adjacent pair whose joined bytes have the lowest rank,
 * the leftmost such pair on equal ranks; stop when no adjacent pair is a token.
 * gpt-tokenizer rescans every pair after each merge, which is quadratic in the piece's
 * length: 100,000 letters without a space took 37 s. Here the candidate pairs sit in a
 * min-heap keyed by (rank, start byte) and the parts in a linked list, so each merge
 * costs a heap operation and two lookups. Heap entries are not removed when a merge
 * changes a pair; an entry is skipped when popped if its part's current pair rank no
 * longer matches (a rank names one byte string, so rank + start identify the pair).
 */
import { binaryString, rankOf } from './ranks';

const NONE = -1;
// Heap key = rank * 2^32 + start: ordered by rank, then by position (leftmost first).
// Exact in a double while rank < 2^21 and start < 2^32.
const POSITION = 2 ** 32;

/** A binary min-heap of numbers. */
class MinHeap {
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const a = this.items;
    let i = a.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= value) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = value;
  }

  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= a.length) break;
        const child = left + 1 < a.length && a[left + 1] < a[left] ? left + 1 : left;
        if (a[child] >= last) break;
        a[i] = a[child];
        i = child;
      }
      a[i] = last;
    }
    return top;
  }
}

/** The token ids of one piece's UTF-8 bytes. */
export function bytePairEncode(piece: Uint8Array): number[] {
  const n = piece.length;
  if (n >= POSITION) throw new RangeError(`a piece of ${n} bytes is too long to encode`);
  const key = binaryString(piece);
  // A piece that is itself a token is that token (tiktoken and gpt-tokenizer check this first).
  const whole = rankOf(key);
  if (whole !== undefined) return [whole];

  // Parts are identified by their first byte; next[i] is where the part starting at i ends.
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  // pairRank[i]: rank of the part at i joined with the part after it; NONE if that is not
  // a token, if i is the last part, or if i is no longer the start of a part.
  const pairRank = new Int32Array(n).fill(NONE);
  const heap = new MinHeap();

  const rankPair = (i: number) => {
    const middle = next[i];
    const rank = middle < n ? rankOf(key.slice(i, next[middle])) : undefined;
    pairRank[i] = rank ?? NONE;
    if (rank !== undefined) heap.push(rank * POSITION + i);
  };

  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
  }
  for (let i = 0; i + 1 < n; i++) rankPair(i);

  while (heap.size > 0) {
    const top = heap.pop();
    const rank = Math.floor(top / POSITION);
    const i = top - rank * POSITION;
    if (pairRank[i] !== rank) continue;
    const absorbed = next[i];
    next[i] = next[absorbed];
    if (next[i] < n) prev[next[i]] = i;
    pairRank[absorbed] = NONE;
    rankPair(i);
    if (prev[i] !== NONE) rankPair(prev[i]);
  }

  const ids: number[] = [];
  for (let i = 0; i < n; i = next[i]) ids.push(rankOf(key.slice(i, next[i]))!);
  return ids;
}
