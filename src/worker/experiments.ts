/**
 * The experiments' requests and answers as they cross the worker boundary: plain data.
 * Edits travel as the runtime's edit SPECs (the CLI's syntax), so the worker parses them
 * with the runtime's own parser and its one-line messages reach the page unchanged.
 */
import type { ProbeTokens } from '../model/interventions/induction-probe';
import type { PatchHook } from '../store/experiment-targets';

/** One edit: a SPEC such as "blocks.1.attn.hook_z:head=2", and what to do there. */
export interface EditRequest {
  spec: string;
  kind: 'zero' | 'mean' | 'patch';
}

/** Direct logit attribution of one logit (or a difference) at the last position. */
export interface AttributionResult {
  target: number;
  against: number | null;
  position: number;
  /** The logit (or logit difference) the components add up to. */
  logit: number;
  /** embed, pos_embed, L{l}H{h}, L{l}.b_O, L{l}.mlp, ln_final.b. */
  components: Record<string, number>;
  /** logit minus the sum of the components. */
  residualError: number;
}

/** TransformerLens's head-detector scores, [layer][head]. */
export interface HeadScoresResult {
  previous: number[][];
  duplicate: number[][];
  induction: number[][];
}

/** The repeated-random-tokens probe: every head's induction score and the mean loss on each copy. */
export interface InductionProbeResult {
  length: number;
  seed: number;
  tokens: ProbeTokens;
  scores: number[][];
  /** Mean cross-entropy (nats) on the first copy and on the second. */
  loss: [number, number];
}

/** A finished patching sweep: the normalised logit difference recovered per cell. */
export interface SweepResult {
  hook: PatchHook;
  /** Row-major [n_layer, cols]; cols are positions, or heads for hook_z. */
  layers: number;
  cols: number;
  values: Float32Array;
  /** logit(answer) - logit(against) of the clean and of the corrupted run. */
  clean: number;
  corrupted: number;
  cleanIds: number[];
  corruptedIds: number[];
  /** The answer token ids the differences are of. */
  answer: number;
  against: number;
}

export interface SweepRequest {
  clean: number[];
  corrupted: number[];
  answer: number;
  against: number;
  hook: PatchHook;
}
