/**
 * The explainer's stages, in pipeline order. The page may show a subset (a stage whose
 * panel does not exist yet is left out); the store steps through the subset it is given.
 */
export const ALL_STAGES = ['tokens', 'embed', 'position', 'blocks', 'final', 'softmax', 'generate'] as const;

export type StageId = (typeof ALL_STAGES)[number];

export const isStageId = (s: string): s is StageId => (ALL_STAGES as readonly string[]).includes(s);

/** The stage after (step 1) or before (step -1) `current` in `stages`, clamped at the ends. */
export function stepStage(stages: readonly StageId[], current: StageId, step: 1 | -1): StageId {
  const i = stages.indexOf(current);
  if (i < 0) return stages[0];
  return stages[Math.min(stages.length - 1, Math.max(0, i + step))];
}
