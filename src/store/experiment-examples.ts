/**
 * The one-click examples. "party": the same word in two contexts, whose residual streams
 * start equal (same token, same position) and drift apart block by block. The indirect-object
 * prompt: the clean run should name the person who did not give ("Mary"); the corrupted run,
 * with Mary as the giver, points to "John" instead.
 */
export const PARTY_EXAMPLE = {
  prompt: 'students celebrate the graduation with a big party',
  compare: 'deputy leader is highly respected in the party',
} as const;

export const INDIRECT_OBJECT_EXAMPLE = {
  clean: 'When Mary and John went to the store, John gave a drink to',
  corrupted: 'When Mary and John went to the store, Mary gave a drink to',
  answer: ' Mary',
  against: ' John',
} as const;

/** Length of each copy in the repeated-random-tokens induction probe, and its seed. */
export const INDUCTION_PROBE = { length: 20, seed: 1 } as const;
