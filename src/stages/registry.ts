/**
 * The explainer's stages, each declared once, in pipeline order: its id, the worker data it
 * needs while it is shown, the weights its computation uses, and its string keys. The store
 * (what to fetch), the overview, the stepper, the stage frame and the parameter tally all read
 * this list; the component that draws each stage is in ./views.ts, keyed by the same ids.
 *
 * Plain data, no React: the store reads it without pulling in the panels.
 */
import type { WeightKind } from '../analysis/param-tally';
import type { OverviewPartKind } from '../charts/model-overview';

/**
 * What the worker computes on request for a stage, beyond the trace every stage has:
 * - details: the selected layer's internals and the selected token's attention in every layer;
 * - readouts: every position's prediction (the logit lens panel asks for its own data).
 */
export type StageNeed = 'details' | 'readouts';

export interface StageSpec {
  id: string;
  needs: readonly StageNeed[];
  /** Weight kinds this stage's computation uses first (the tally adds them up as you step). */
  weights: readonly WeightKind[];
  /** Drawn as a stack in the overview and labelled with n_layer (the blocks repeat). */
  repeats?: boolean;
  /** The parts of the first screen's model drawing that open this stage. */
  parts: readonly OverviewPartKind[];
  /**
   * How the experiments' edits (which act inside the blocks) reach the stage: 'before' the
   * blocks, never changed; 'layer', the selected block, changed from the first edited one on;
   * 'original', it runs the unedited model. Absent: after the blocks, so it shows the edited numbers.
   */
  edits?: 'before' | 'layer' | 'original';
  strings: {
    /** The stage's heading. */
    title: string;
    /** Its name in the overview. */
    short: string;
    /** The paragraph under the heading. */
    explain: string;
    /** Its name in the overview with {n} repeats, once the config is known. */
    repeated?: string;
  };
}

const keys = (id: string) => ({ title: `stage.${id}`, short: `stage.short.${id}`, explain: `explain.${id}` });

export const STAGES = [
  { id: 'tokens', needs: [], weights: [], parts: ['tokens'], edits: 'before', strings: keys('tokens') },
  { id: 'embed', needs: [], weights: ['tokenEmbedding'], parts: ['embed'], edits: 'before', strings: keys('embed') },
  {
    id: 'position',
    needs: [],
    weights: ['positionEmbedding'],
    parts: ['pos'],
    edits: 'before',
    strings: keys('position'),
  },
  {
    id: 'blocks',
    needs: ['details'],
    weights: ['ln1', 'attnQkv', 'attnOut', 'ln2', 'mlpUp', 'mlpDown'],
    repeats: true,
    parts: ['attn', 'mlp'],
    edits: 'layer',
    strings: { ...keys('blocks'), repeated: 'overview.blocks' },
  },
  {
    id: 'final',
    needs: ['readouts'],
    weights: ['finalLn', 'unembedding'],
    parts: ['lnf', 'logits'],
    strings: keys('final'),
  },
  { id: 'softmax', needs: [], weights: [], parts: ['softmax', 'next'], strings: keys('softmax') },
  { id: 'generate', needs: [], weights: [], parts: [], edits: 'original', strings: keys('generate') },
] as const satisfies readonly StageSpec[];

export type StageId = (typeof STAGES)[number]['id'];

/** Every stage id, in pipeline order. */
export const STAGE_IDS: readonly StageId[] = STAGES.map((s) => s.id);

export const isStageId = (s: string): s is StageId => (STAGE_IDS as readonly string[]).includes(s);

export const stageSpec = (id: StageId): StageSpec => STAGES.find((s) => s.id === id)!;

/** The stage a part of the model drawing opens. */
export const stageOfPart = (part: OverviewPartKind): StageId =>
  STAGES.find((s) => (s.parts as readonly OverviewPartKind[]).includes(part))!.id;

/** Whether the stage shown needs this on-request data from the worker. */
export const stageNeeds = (id: StageId, need: StageNeed): boolean => stageSpec(id).needs.includes(need);

/** The stage after (step 1) or before (step -1) `current` in `stages`, clamped at the ends. */
export function stepStage(stages: readonly StageId[], current: StageId, step: 1 | -1): StageId {
  const i = stages.indexOf(current);
  if (i < 0) return stages[0];
  return stages[Math.min(stages.length - 1, Math.max(0, i + step))];
}

/** The weight kinds used by the stages up to and including `stage`, in pipeline order. */
export function weightsUpTo(stage: StageId): WeightKind[] {
  const upTo = STAGE_IDS.indexOf(stage);
  return STAGES.filter((_, i) => i <= upTo).flatMap((s) => s.weights);
}
