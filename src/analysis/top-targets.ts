/** The heaviest partners of one attention row or column. */
export interface Target {
  position: number;
  weight: number;
}

/** The k heaviest partners of a head, heaviest first (ties by position), for the text summary. */
export function topTargets(weights: ArrayLike<number>, k: number): Target[] {
  const all: Target[] = Array.from({ length: weights.length }, (_, position) => ({
    position,
    weight: weights[position],
  }));
  return all
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position)
    .slice(0, k);
}
