/** Ordering tokens by probability, as the filters and the "top tokens" lists need it. */

/** Ids with nonzero probability, most likely first; equal probabilities go lowest id first. */
export function rankByProbability(probs: ArrayLike<number>): number[] {
  const ids: number[] = [];
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) ids.push(i);
  return ids.sort((a, b) => probs[b] - probs[a] || a - b);
}

/** The n most likely ids with their probabilities, most likely first. */
export function topTokens(probs: ArrayLike<number>, n: number): { id: number; prob: number }[] {
  return rankByProbability(probs)
    .slice(0, Math.max(0, n))
    .map((id) => ({ id, prob: probs[id] }));
}
