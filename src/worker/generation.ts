/**
 * One generation step's bookkeeping: draw the next token from logits with the run's
 * sampling settings and seeded RNG, and summarise the distribution it came from.
 */
import { clampSamplingOptions, sample, topTokens, type Rng } from '../sampling';
import type { GenerationStep, SamplingSettings } from './protocol';

/** How many of a step's most likely candidates are reported. */
export const STEP_TOP = 10;

export function sampleStep(
  logits: Float32Array,
  sampling: SamplingSettings,
  rng: Rng,
  index: number,
  startedAt: number,
  now: () => number,
): GenerationStep {
  const { id, probs } = sample(logits, clampSamplingOptions(sampling), rng);
  let candidates = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) candidates++;
  return { index, tokenId: id, prob: probs[id], top: topTokens(probs, STEP_TOP), candidates, ms: now() - startedAt };
}
