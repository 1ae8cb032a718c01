/** Ordering tokens by probability, as the filters and the "top tokens" lists need it. */

/** Ids with nonzero probability, most likely first; equal probabilities go lowest id first. */
export function rankByProbability(probs: ArrayLike<number>): number[] {
  const ids: number[] = [];
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) ids.push(i);
  return ids.sort((a, b) => probs[b] - probs[a] || a - b);
}

/** Every id, highest logit first; equal logits go lowest id first. */
export function rankByLogit(logits: ArrayLike<number>): number[] {
  const ids = Array.from({ length: logits.length }, (_, i) => i);
  return ids.sort((a, b) => logits[b] - logits[a] || a - b);
}

/**
 * rankByProbability(probs) for probs = softmax(logits, T), made from rankByLogit(logits)
 * in one pass instead of a sort of the vocabulary: softmax keeps the order of the logits,
 * so only where rounding made different logits' probabilities equal (or zero) is there
 * anything to change, and those runs are put in id order.
 */
export function rankByProbabilityFrom(byLogit: readonly number[], probs: ArrayLike<number>): number[] {
  const ranked = byLogit.filter((id) => probs[id] > 0);
  for (let start = 0; start < ranked.length;) {
    let end = start + 1;
    while (end < ranked.length && probs[ranked[end]] === probs[ranked[start]]) end++;
    if (end - start > 1) ranked.splice(start, end - start, ...ranked.slice(start, end).sort((a, b) => a - b));
    start = end;
  }
  return ranked;
}

/**
 * The n ids with the highest values that pass `keep`, highest first; equal values go lowest
 * id first. One pass over the values with a short sorted list: a vocabulary-wide sort takes
 * tens of milliseconds, which on the main thread is a frame or more.
 */
export function topIds(values: ArrayLike<number>, n: number, keep: (value: number) => boolean = () => true): number[] {
  const best: number[] = [];
  if (n <= 0) return best;
  for (let id = 0; id < values.length; id++) {
    const value = values[id];
    if ((best.length === n && value <= values[best[n - 1]]) || !keep(value)) continue;
    let i = best.length;
    while (i > 0 && values[best[i - 1]] < value) i--;
    best.splice(i, 0, id);
    if (best.length > n) best.pop();
  }
  return best;
}

/** The n most likely ids with their probabilities, most likely first. */
export function topTokens(probs: ArrayLike<number>, n: number): { id: number; prob: number }[] {
  return topIds(probs, n, (p) => p > 0).map((id) => ({ id, prob: probs[id] }));
}
