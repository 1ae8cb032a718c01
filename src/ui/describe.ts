/**
 * Hover descriptions for the block's tensors: which hook a number comes from, the
 * tensor's shape, and the token / dimension / head it sits at, in the user's language.
 */
import type { TFunction } from '../i18n';
import type { HoverInfo } from './hover-info';

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
