/**
 * GPT-2 has one learned position embedding per position, so a prompt can be at most
 * n_positions tokens. The policy everywhere (CLI and page) for a longer prompt: keep the
 * last n_positions tokens, the ones nearest to the prediction.
 */
export interface ContextUsage {
  tokens: number;
  limit: number;
  fits: boolean;
  /** How many tokens would be dropped to fit (0 when it fits). */
  overflow: number;
}

export function contextUsage(tokens: number, limit: number): ContextUsage {
  const overflow = Math.max(0, tokens - limit);
  return { tokens, limit, fits: overflow === 0, overflow };
}

/** The last n items (all of them when there are at most n). */
export function fitToContext<T>(ids: readonly T[], n: number): T[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`context size must be a whole number >= 0, got ${n}`);
  return n === 0 ? [] : ids.slice(-n);
}
