/**
 * The BertViz picture: queries on the left, keys on the right, a line per head from the
 * token to each partner it shares attention with. Tokens are buttons: click or Enter
 * selects, pointer or arrow-key focus previews. Lines come from charts/attention-lines.
 */
import { useEffect, useRef } from 'react';
import { useHeadColor } from '../../ui/theme';
import { drawAttentionLines, type AttentionSegment, type HeadWeights } from '../../charts/attention-lines';
import { hideTooltip, showTooltip } from '../../charts/tooltip';
import { useT } from '../../i18n';
import type { AttentionDirection } from '../../store';
import { formatValue } from '../../ui/hover-info';
import { tokenName } from '../../ui/describe';
import { useWidth } from '../../ui/use-width';
import { ExportRow } from '../../ui/ExportButtons';
import { moveToken } from './attention-data';
import { blockHook } from '../../model/hooks';

export const ROW_HEIGHT = 26;

interface Props {
  labels: string[];
  /** The token whose lines are drawn (the selection, or the one being previewed). */
  shown: number;
  selected: number;
  direction: AttentionDirection;
  heads: HeadWeights[];
  headCount: number;
  layer: number;
  onPreview: (position: number | null) => void;
  onSelect: (position: number) => void;
}

function TokenColumn({
  side,
  labels,
  shown,
  selected,
  direction,
  onPreview,
  onSelect,
}: Omit<Props, 'heads' | 'headCount' | 'layer'> & { side: 'query' | 'key' }) {
  const t = useT();
  const column = useRef<HTMLDivElement>(null);
  // The anchored token is the one on the side the lines fan out from.
  const anchorSide = direction === 'from' ? 'query' : 'key';
  const focusAt = (p: number) =>
    column.current?.querySelector<HTMLButtonElement>(`button[data-position="${p}"]`)?.focus();
  return (
    <div ref={column} className={`token-column ${side}`} role="group" aria-label={t(`attention.column.${side}`)}>
      {labels.map((label, p) => {
        const isSelected = p === selected;
        return (
          <button
            key={p}
            type="button"
            data-position={p}
            className={
              [isSelected ? 'selected' : '', p === shown && side === anchorSide ? 'anchor' : ''].join(' ').trim() ||
              undefined
            }
            style={{ height: ROW_HEIGHT }}
            tabIndex={isSelected ? 0 : -1}
            aria-pressed={isSelected}
            aria-label={t('attention.tokenButton', { token: tokenName(labels, p) })}
            title={tokenName(labels, p)}
            data-export-text
            onClick={() => onSelect(p)}
            onPointerEnter={() => onPreview(p)}
            onPointerLeave={() => onPreview(null)}
            onFocus={() => onPreview(p)}
            onBlur={() => onPreview(null)}
            onKeyDown={(e) => {
              const next = moveToken(p, e.key, labels.length);
              if (next === null) return;
              // Handled here, so the page's stage stepper does not also take the arrow.
              e.preventDefault();
              focusAt(next);
            }}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}

export function TokenLines(props: Props) {
  const t = useT();
  const { labels, shown, direction, heads, headCount, layer } = props;
  const headColor = useHeadColor();
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const lines = useRef<HTMLDivElement>(null);
  const width = useWidth(box, 160);
  const latest = useRef({ labels, t, layer });
  latest.current = { labels, t, layer };
  useEffect(() => {
    // A line under the pointer may be replaced by this redraw; its tooltip would be stale.
    hideTooltip();
    drawAttentionLines(
      svg.current!,
      { count: labels.length, position: shown, direction, heads },
      {
        width,
        rowHeight: ROW_HEIGHT,
        headColor,
        label: t(`attention.linesLabel.${direction}`, { token: tokenName(labels, shown), layer }),
        onHover: (s: AttentionSegment | null) => {
          if (!s) return hideTooltip();
          const l = latest.current;
          const rect = svg.current!.getBoundingClientRect();
          showTooltip(rect.left + width / 2, rect.top + (Math.max(s.query, s.key) + 1) * ROW_HEIGHT, {
            title: formatValue(s.weight),
            rows: [
              [l.t('block.tip.what'), l.t('attention.tip.weight', { head: s.head, layer: l.layer })],
              [
                l.t('block.tip.where'),
                l.t('attention.tip.pair', { query: tokenName(l.labels, s.query), key: tokenName(l.labels, s.key) }),
              ],
              [l.t('block.tip.hook'), blockHook(l.layer, 'attn.hook_pattern')],
            ],
          });
        },
      },
      headCount,
    );
  }, [labels, shown, direction, heads, headCount, width, layer, t, headColor]);
  return (
    <div className="token-lines-figure">
      <ExportRow target={lines} name={t('attention.lines.exportName')} />
      <div ref={lines} className="token-lines" data-testid="token-lines">
        <TokenColumn {...props} side="query" />
        <div ref={box} className="lines-box">
          <svg ref={svg} />
        </div>
        <TokenColumn {...props} side="key" />
      </div>
    </div>
  );
}
