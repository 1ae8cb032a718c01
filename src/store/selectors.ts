/**
 * Things derived from state, as memoised selectors: they recompute only when their inputs
 * change. Temperature, top-k and top-p act here, on logits the model already computed
 * (summary.lastLogits); moving a slider never re-runs the model.
 */
import {
  clampSamplingOptions,
  createRng,
  draw,
  filterDistribution,
  rankByLogit,
  rankByProbabilityFrom,
  topIds,
  softmax,
} from '../sampling';
import { encode, type TokenInfo } from '../tokenizer';
import { memoLast } from './memo';
import type { AppState } from './state';

export interface LogitEntry {
  id: number;
  logit: number;
}

/** The n highest logits, highest first (ties: lower id first). */
export function topLogits(logits: ArrayLike<number>, n: number): LogitEntry[] {
  return topIds(logits, n).map((id) => ({ id, logit: logits[id] }));
}

/** How many candidates the softmax stage lists. */
export const SHOWN_CANDIDATES = 30;

const EMPTY: never[] = [];

const tokensOf = memoLast((prompt: string): TokenInfo[] => encode(prompt));
const topOf = memoLast((logits: Float32Array | undefined) => (logits ? topLogits(logits, SHOWN_CANDIDATES) : EMPTY));
const softmaxOf = memoLast((logits: Float32Array | undefined, temperature: number) =>
  logits ? softmax(logits, temperature) : null,
);
// The ranking top-k and top-p need is made once per set of logits, not on every slider step.
const rankOf = memoLast((logits: Float32Array) => rankByLogit(logits));
// Filters the memoised softmax instead of computing it again: a temperature step costs one
// pass of exp over the vocabulary, not two.
const finalOf = memoLast(
  (logits: Float32Array | undefined, probs: Float64Array | null, temperature: number, topK: number, topP: number) =>
    logits && probs
      ? filterDistribution(probs, clampSamplingOptions({ temperature, topK, topP }), () =>
          rankByProbabilityFrom(rankOf(logits), probs),
        )
      : null,
);
// sample() is a draw from finalDistribution with the rng's first number; drawing from the
// memoised final distribution gives the same token without a second softmax (and sort)
// of the whole vocabulary on every slider step.
const sampledOf = memoLast((final: Float64Array | null, seed: number) =>
  final ? draw(final, createRng(seed)()) : null,
);

/** The prompt's BPE pieces, as typed (no model needed). */
export const selectPromptTokens = (s: AppState): TokenInfo[] => tokensOf(s.inputs.prompt);

const lastLogits = (s: AppState) => s.trace.summary?.lastLogits;

/** The highest logits at the last position: the candidates for the next token. */
export const selectTopLogits = (s: AppState): LogitEntry[] => topOf(lastLogits(s));

/** softmax(logits / T) over the whole vocabulary (T = 0: all mass on the argmax). */
export const selectProbabilities = (s: AppState): Float64Array | null => softmaxOf(lastLogits(s), s.inputs.temperature);

/** The distribution sampling draws from: softmax at T, then top-k, then top-p, renormalised. */
export const selectSamplingDistribution = (s: AppState): Float64Array | null =>
  finalOf(lastLogits(s), selectProbabilities(s), s.inputs.temperature, s.inputs.topK, s.inputs.topP);

/** The token the seeded sampler picks from that distribution (the first token "Generate" would produce). */
export const selectSampledToken = (s: AppState): number | null =>
  sampledOf(selectSamplingDistribution(s), s.inputs.seed);

/**
 * Computes (and memoises) what the panels derive from `s`'s last logits: softmax, ranking
 * and filtering over the whole vocabulary, 10-20 ms on a new trace while the code is cold.
 * The store calls it for a new trace one task before publishing it, so that work and React's
 * render of the new trace land in separate main-thread tasks rather than one long one.
 */
export function prepareDerived(s: AppState): void {
  selectTopLogits(s);
  selectSampledToken(s);
}
