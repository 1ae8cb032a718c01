/**
 * Top-k and top-p (nucleus) filtering on a probability vector. Both take the ids ranked
 * most likely first and return how many of them to keep, so they compose: top-p sees
 * what top-k kept, renormalized, as in Hugging Face's generate (temperature, then top-k,
 * then top-p). Top-p always looks at the whole vocabulary, never at a top-50 cut.
 */

/**
 * Top-k: how many ranked ids to keep. k = 0 or k >= the number of candidates keeps them all.
 * Exactly k are kept: a tie at the boundary goes to the lowest ids (Hugging Face keeps every
 * token tied with the k-th; the two differ only on exactly equal probabilities).
 */
export function topKCount(candidates: number, k: number): number {
  return k <= 0 || k >= candidates ? candidates : k;
}

/**
 * Top-p: how many of the first `candidates` ranked ids to keep. A token is kept when the
 * probability of the tokens ranked above it adds up to less than p (so the kept set is the
 * smallest whose total reaches p). p = 0 keeps only the top token; p = 1 keeps them all
 * (even if rounding makes the running total reach 1 early). At least one is always kept.
 */
export function topPCount(probs: ArrayLike<number>, ranked: readonly number[], candidates: number, p: number): number {
  if (p >= 1) return candidates;
  let total = 0;
  for (let i = 0; i < candidates; i++) total += probs[ranked[i]];
  let above = 0;
  let kept = 0;
  while (kept < candidates && above / total < p) {
    above += probs[ranked[kept]];
    kept++;
  }
  return Math.max(1, kept);
}
