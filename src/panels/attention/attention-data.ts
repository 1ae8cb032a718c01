/**
 * The attention view's numbers, read from the trace without any model call: the selected
 * layer's full pattern (BlockTrace) gives every head's row or column for any token
 * instantly, so a click or hover redraws at once; TokenAttention gives the selected
 * token's rows in every layer for the grid.
 */
import type { HeadWeights } from '../../charts/attention-lines';
import type { BlockTrace, TokenAttention, Tensor3 } from '../../model/types';
import type { AttentionDirection } from '../../store';
import { headSlice, matrixColumn, matrixRow } from '../../ui/tensor-views';

/**
 * Every head's weights for one token: 'from' is the token's row of the pattern (how much
 * it attends to each key), 'to' is its column (how much each query attends to it).
 */
export function headWeights(pattern: Tensor3, position: number, direction: AttentionDirection): HeadWeights[] {
  return Array.from({ length: pattern.dims[0] }, (_, head) => {
    const m = headSlice(pattern, head);
    return { head, weights: direction === 'from' ? matrixRow(m, position) : matrixColumn(m, position) };
  });
}

/** The grid's rows: [layer][head] weights over positions for the selected token. */
export function gridRows(attention: TokenAttention, direction: AttentionDirection): Float32Array[][] {
  return direction === 'from' ? attention.from : attention.to;
}

/** The block's pattern only if it belongs to the layer being shown (a newer layer may still be on its way). */
export function patternFor(block: BlockTrace | null, layer: number): Tensor3 | null {
  return block && block.layer === layer ? block.pattern : null;
}

/**
 * Every head's weights for a token in a layer, from whichever trace data has them: the
 * layer's full pattern (any token), else the token's own attention rows (that token only).
 * Null while neither has arrived.
 */
export function viewWeights(
  block: BlockTrace | null,
  attention: TokenAttention | null,
  layer: number,
  position: number,
  direction: AttentionDirection,
): HeadWeights[] | null {
  const pattern = patternFor(block, layer);
  if (pattern) return headWeights(pattern, position, direction);
  if (attention && attention.position === position && layer < attention.from.length) {
    return gridRows(attention, direction)[layer].map((weights, head) => ({ head, weights }));
  }
  return null;
}

/** The token a key press moves to among count tokens, or null for keys that do not move. */
export function moveToken(position: number, key: string, count: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, position - 1);
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(last, position + 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
