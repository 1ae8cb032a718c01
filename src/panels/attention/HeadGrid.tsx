/** Every layer x head for the selected token (charts/head-grid): spot an interesting head, click it to open it. */
import { useEffect, useRef } from 'react';
import { drawHeadGrid } from '../../charts/head-grid';
import { probabilityScale } from '../../charts/palette';
import { useT } from '../../i18n';
import type { TokenAttention } from '../../model/types';
import type { AttentionDirection } from '../../store';
import { useWidth } from '../../ui/use-width';
import { ExportRow } from '../../ui/ExportButtons';
import { gridRows } from './attention-data';

interface Props {
  attention: TokenAttention;
  direction: AttentionDirection;
  count: number;
  layer: number;
  head: number;
  token: string;
  onOpen: (layer: number, head: number) => void;
}

const scale = probabilityScale();

export function HeadGrid({ attention, direction, count, layer, head, token, onOpen }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 320);
  const open = useRef(onOpen);
  open.current = onOpen;
  useEffect(() => {
    drawHeadGrid(
      inner.current!,
      { rows: gridRows(attention, direction), count },
      {
        width,
        color: scale,
        selected: { layer, head },
        label: t(`attention.grid.label.${direction}`, { token }),
        cellLabel: (l, h) => t('attention.grid.cell', { layer: l, head: h }),
        layerTick: (l) => t('attention.grid.layerTick', { layer: l }),
        headTick: (h) => t('attention.grid.headTick', { head: h }),
        onSelect: (l, h) => open.current(l, h),
      },
    );
  }, [attention, direction, count, layer, head, token, width, t]);
  return (
    <>
      <ExportRow target={inner} name={t('attention.grid.exportName')} />
      <div ref={box} className="head-grid-box">
        <div ref={inner} data-testid="head-grid" />
      </div>
    </>
  );
}
