/** The tooltip for one number of a per-token matrix: which token, which dimension, which tensor. */
import type { TooltipContent } from '../charts/tooltip';
import type { TFunction } from '../i18n';
import { tokenName } from './describe';
import { tooltipContent } from './tooltip-content';
import type { HookName } from '../model/hooks';

export interface CellSource {
  /** Short name for people, e.g. "token embedding". */
  name: string;
  /** TransformerLens hook name, e.g. "hook_embed". */
  hook: HookName;
  shape: number[];
}

export function describeTokenCell(
  t: TFunction,
  source: CellSource,
  rowLabels: string[],
  row: number,
  col: number,
  value: number,
): TooltipContent {
  return tooltipContent(
    {
      value,
      name: source.name,
      hook: source.hook,
      shape: source.shape,
      where: t('cell.where', { token: tokenName(rowLabels, row), dim: col }),
    },
    t,
  );
}
