/** From logits to one chosen token: temperature, then top-k, then top-p, then a seeded draw. */
import { topKCount, topPCount } from './filters';
import type { SamplingOptions } from './options';
import { validateSamplingOptions } from './options';
import { rankByProbability } from './rank';
import type { Rng } from './rng';
import { softmax } from './softmax';

/**
 * The distribution a token is actually drawn from: softmax at the temperature, restricted
 * by top-k and top-p, renormalized to add up to 1. Filtered-out tokens have probability 0.
 * Options are checked strictly (see validateSamplingOptions); clamp them first to be lenient.
 */
export function finalDistribution(logits: ArrayLike<number>, options: SamplingOptions): Float64Array {
  const checked = validateSamplingOptions(options);
  return filterDistribution(softmax(logits, checked.temperature), checked);
}

/**
 * finalDistribution's filtering step, for a caller that already has softmax(logits, T):
 * top-k and top-p over `probs`, renormalized (probs itself when no filter applies). The
 * ranking (rankByProbability's) is only made when a filter needs it; `ranked` may make it
 * faster, e.g. with rankByProbabilityFrom and a ranking by logit kept between calls, as
 * sorting the vocabulary anew costs more than the softmax.
 */
export function filterDistribution(
  probs: Float64Array,
  options: SamplingOptions,
  ranked: () => readonly number[] = () => rankByProbability(probs),
): Float64Array {
  const { temperature, topK, topP } = options;
  if (temperature === 0 || (topK === 0 && topP === 1)) return probs;
  const order = ranked();
  const afterK = topKCount(order.length, topK);
  const kept = topPCount(probs, order, afterK, topP);
  let total = 0;
  for (let i = 0; i < kept; i++) total += probs[order[i]];
  const out = new Float64Array(probs.length);
  for (let i = 0; i < kept; i++) out[order[i]] = probs[order[i]] / total;
  return out;
}

/** Draws an id from a distribution: the first id whose running total exceeds u in [0, 1). */
export function draw(probs: ArrayLike<number>, u: number): number {
  let total = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    total += probs[i];
    last = i;
    if (u < total) return i;
  }
  // Rounding can leave the running total a hair under 1: u then falls to the last possible id.
  return last;
}

export function sample(
  logits: ArrayLike<number>,
  options: SamplingOptions,
  rng: Rng,
): { id: number; probs: Float64Array } {
  const probs = finalDistribution(logits, options);
  return { id: draw(probs, rng()), probs };
}
