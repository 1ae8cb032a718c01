/**
 * A seeded pseudo-random number generator (mulberry32): the same seed gives the same
 * stream on every machine and in every browser, so a sampled continuation can be replayed.
 * Not for cryptography.
 */
export type Rng = () => number;

/** A generator of floats in [0, 1). The seed is taken as a 32-bit unsigned integer. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
