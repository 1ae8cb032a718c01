/** A HoverInfo as the shared chart tooltip shows it (charts/tooltip.ts). */
import type { TooltipContent } from '../charts/tooltip';
import type { TFunction } from '../i18n';
import { formatShape, formatValue, type HoverInfo } from './hover-info';

export function tooltipContent(info: HoverInfo, t: TFunction): TooltipContent {
  return {
    title: formatValue(info.value),
    rows: [
      [t('block.tip.what'), info.name],
      [t('block.tip.where'), info.where],
      [t('block.tip.shape'), formatShape(info.shape)],
      [t('block.tip.hook'), info.hook],
    ],
  };
}
