/** The analogies scripts/analogies.ts measures: the classic ones whose four words are single GPT-2 tokens. */

/** a − b + c ≈ expected; words as they appear mid-sentence (with their leading space). */
export const CLASSIC_ANALOGIES: readonly (readonly [string, string, string, string])[] = [
  [' king', ' man', ' woman', ' queen'],
  [' Paris', ' France', ' Italy', ' Rome'],
  [' Paris', ' France', ' England', ' London'],
  [' walked', ' walk', ' run', ' ran'],
  [' went', ' go', ' come', ' came'],
  [' big', ' bigger', ' smaller', ' small'],
  [' brother', ' boy', ' girl', ' sister'],
  [' he', ' his', ' her', ' she'],
  [' good', ' better', ' worse', ' bad'],
  [' cars', ' car', ' house', ' houses'],
];
