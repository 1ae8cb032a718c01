/**
 * Surprisal of each prompt token: -log2 p(token | the tokens before it), in bits. Token t's
 * probability is what the model predicted at position t-1 (TraceSummary.predictions[t-1]
 * .nextLogprob, a natural log). The first token has no prediction: nothing came before it.
 */
import type { TokenScore, TraceSummary } from '../model/types';

/** Natural-log probability to bits of surprisal. */
export const natsToBits = (logprob: number): number => -logprob / Math.LN2;

export interface TokenSurprisal {
  position: number;
  id: number;
  /** null for the first token, which nothing predicts. */
  bits: number | null;
  /** The model's best guesses for this position (made at the position before), or [] for the first token. */
  guesses: TokenScore[];
  /** 1-based rank of the actual token among the guesses, or null when it is not among them. */
  rank: number | null;
}

export function surprisals(summary: TraceSummary): TokenSurprisal[] {
  return summary.tokenIds.map((id, position) => {
    if (position === 0) return { position, id, bits: null, guesses: [], rank: null };
    const before = summary.predictions[position - 1];
    const at = before.top.findIndex((s) => s.id === id);
    return {
      position,
      id,
      bits: before.nextLogprob === null ? null : natsToBits(before.nextLogprob),
      guesses: before.top,
      rank: at < 0 ? null : at + 1,
    };
  });
}

/** Mean surprisal over the tokens that have one (bits per token), or null when none does. */
export function meanBits(rows: readonly TokenSurprisal[]): number | null {
  const bits = rows.flatMap((r) => (r.bits === null ? [] : [r.bits]));
  return bits.length === 0 ? null : bits.reduce((a, b) => a + b, 0) / bits.length;
}
