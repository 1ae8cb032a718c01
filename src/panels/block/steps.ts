/**
 * The sub-steps of one transformer block, in the order GPT-2 computes them. A learner
 * follows one operation at a time; each id names its explanation in strings.ts.
 */
export const BLOCK_STEPS = [
  'ln1', // LayerNorm 1
  'qkv', // queries, keys, values of one head
  'scores', // q . k, scaled, causally masked
  'softmax', // attention pattern
  'mix', // weighted sum of values (z)
  'project', // concatenate heads, output projection
  'add1', // residual add
  'ln2', // LayerNorm 2
  'mlpUp', // up to 4 n_embd
  'gelu', // gelu_new
  'mlpDown', // back to n_embd
  'add2', // residual add
  'norms', // the residual stream's length across layers
] as const;

export type BlockStep = (typeof BLOCK_STEPS)[number];

/** The step `delta` places away, clamped to the first and last. */
export function stepBy(step: BlockStep, delta: number): BlockStep {
  const i = BLOCK_STEPS.indexOf(step) + delta;
  return BLOCK_STEPS[Math.min(BLOCK_STEPS.length - 1, Math.max(0, i))];
}

/** The three forms of the attention scores a learner can switch between. */
export const SCORE_FORMS = ['raw', 'scaled', 'masked'] as const;
export type ScoreForm = (typeof SCORE_FORMS)[number];
