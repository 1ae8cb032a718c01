/**
 * GPT-2's weights counted by kind of matrix, from the config alone (which stage uses which
 * kind is the stage registry's business, src/stages/registry.ts). The unembedding is W_E itself (tied), so it
 * adds no weights; GPT-2 small comes to 124,439,808.
 */
import type { GPT2Config } from '../model/config';

export type WeightKind =
  | 'tokenEmbedding'
  | 'positionEmbedding'
  | 'ln1'
  | 'attnQkv'
  | 'attnOut'
  | 'ln2'
  | 'mlpUp'
  | 'mlpDown'
  | 'finalLn'
  | 'unembedding';

export interface TallyItem {
  kind: WeightKind;
  /** Weights of this kind in one block (per-block kinds) or in the model (the others). */
  each: number;
  /** How many times the kind occurs: n_layer for per-block kinds, else 1. */
  times: number;
  /** each x times. */
  count: number;
  /** The matrix shapes, as in the weight files (Conv1D: in x out). */
  shapes: number[][];
}

/** GPT-3 (175B) for scale, as reported by Brown et al. (2020). */
export const GPT3_PARAMS = 175e9;

export function parameterTally(c: GPT2Config): TallyItem[] {
  const d = c.n_embd;
  const h = 4 * d;
  const item = (kind: WeightKind, shapes: number[][], times = 1): TallyItem => {
    const each = shapes.reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
    return { kind, each, times, count: each * times, shapes };
  };
  const L = c.n_layer;
  return [
    item('tokenEmbedding', [[c.vocab_size, d]]),
    item('positionEmbedding', [[c.n_positions, d]]),
    item('ln1', [[d], [d]], L),
    item('attnQkv', [[d, 3 * d], [3 * d]], L),
    item('attnOut', [[d, d], [d]], L),
    item('ln2', [[d], [d]], L),
    item('mlpUp', [[d, h], [h]], L),
    item('mlpDown', [[h, d], [d]], L),
    item('finalLn', [[d], [d]]),
    // Tied to W_E: the same numbers read the other way, nothing new to count.
    item('unembedding', []),
  ];
}

export const tallyTotal = (items: readonly TallyItem[]): number => items.reduce((s, i) => s + i.count, 0);

/** The model's weights of one kind, e.g. W_E's vocab_size x n_embd. */
export const weightCount = (c: GPT2Config, kind: WeightKind): number =>
  parameterTally(c).find((i) => i.kind === kind)!.count;

/** Every weight of the model (W_U adds none: it is W_E). */
export const totalParams = (c: GPT2Config): number => tallyTotal(parameterTally(c));

/** The weights of the given kinds (e.g. those the stages so far use). */
export function tallyOf(items: readonly TallyItem[], kinds: readonly WeightKind[]): number {
  return tallyTotal(items.filter((i) => kinds.includes(i.kind)));
}

/** The number of weights a model manifest lists: the sum over its tensors of the product of the shape. */
export function manifestParameterCount(manifest: { weightsManifest: { weights: { shape: number[] }[] }[] }): number {
  let total = 0;
  for (const group of manifest.weightsManifest) {
    for (const w of group.weights) total += w.shape.reduce((a, b) => a * b, 1);
  }
  return total;
}
