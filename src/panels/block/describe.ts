/**
 * Hover descriptions for the block's tensors: which hook a number comes from, the
 * tensor's shape, and the token / dimension / head it sits at, in the user's language.
 */
import type { TFunction } from '../../i18n';
import type { HoverInfo } from './hover-info';

/** TransformerLens hook names of block l's tensors (see DESIGN.md). */
export const hooks = (l: number) => ({
  residPre: `blocks.${l}.hook_resid_pre`,
  ln1Normalized: `blocks.${l}.ln1.hook_normalized`,
  ln1Out: `blocks.${l}.ln1 (γ·x̂ + β)`,
  q: `blocks.${l}.attn.hook_q`,
  k: `blocks.${l}.attn.hook_k`,
  v: `blocks.${l}.attn.hook_v`,
  rawScores: `blocks.${l}.attn q·kᵀ`,
  scaledScores: `blocks.${l}.attn q·kᵀ / √d_head`,
  scores: `blocks.${l}.attn.hook_attn_scores`,
  pattern: `blocks.${l}.attn.hook_pattern`,
  z: `blocks.${l}.attn.hook_z`,
  attnOut: `blocks.${l}.hook_attn_out`,
  residMid: `blocks.${l}.hook_resid_mid`,
  ln2Normalized: `blocks.${l}.ln2.hook_normalized`,
  ln2Out: `blocks.${l}.ln2 (γ·x̂ + β)`,
  mlpPre: `blocks.${l}.mlp.hook_pre`,
  mlpPost: `blocks.${l}.mlp.hook_post`,
  mlpOut: `blocks.${l}.hook_mlp_out`,
  residPost: `blocks.${l}.hook_resid_post`,
});

/** "#3 ␣fox": a token as named in hovers. */
export const tokenName = (labels: string[], position: number): string => `#${position} ${labels[position] ?? ''}`;

/** Describer for a [T, n] matrix whose rows are tokens and columns are dimensions (or neurons). */
export function tokenByDim(t: TFunction, labels: string[], name: string, hook: string, shape: number[], prefix = '') {
  return (row: number, col: number, value: number): HoverInfo => ({
    value,
    name,
    hook,
    shape,
    where: prefix + t('block.where.tokenDim', { token: tokenName(labels, row), dim: col }),
  });
}

/** Describer for a [T, T] matrix of one head: rows are queries, columns keys. */
export function queryByKey(t: TFunction, labels: string[], name: string, hook: string, shape: number[], head: number) {
  return (row: number, col: number, value: number): HoverInfo => ({
    value,
    name,
    hook,
    shape,
    where: t('block.where.queryKey', { head, query: tokenName(labels, row), key: tokenName(labels, col) }),
  });
}
