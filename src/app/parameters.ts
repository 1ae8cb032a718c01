/**
 * GPT-2's parameter counts from its config. The unembedding is W_E itself (tied), so it
 * adds nothing; GPT-2 small comes to 124,439,808.
 */
import type { GPT2Config } from '../model/config';

/** W_E: one n_embd row per vocabulary entry. */
export const tokenEmbeddingParams = (c: GPT2Config): number => c.vocab_size * c.n_embd;

/** W_P: one learned n_embd row per position. */
export const positionEmbeddingParams = (c: GPT2Config): number => c.n_positions * c.n_embd;

/** One block: two LayerNorms (2d each), QKV (d x 3d + 3d), output (d x d + d), MLP (d x 4d + 4d, 4d x d + d). */
export const blockParams = (c: GPT2Config): number => 12 * c.n_embd * c.n_embd + 13 * c.n_embd;

export const totalParams = (c: GPT2Config): number =>
  tokenEmbeddingParams(c) + positionEmbeddingParams(c) + c.n_layer * blockParams(c) + 2 * c.n_embd;
