/**
 * A per-token matrix of the trace ([T, n] rows of the prompt's tokens) as a strip figure:
 * the selected token's row outlined, a click on a row selects that token, and each
 * cell's tooltip names the tensor (hook) it belongs to.
 */
import { useCallback } from 'react';
import type { DivergingKind } from '../charts/palette';
import { useT } from '../i18n';
import type { Matrix } from '../model/types';
import { useActions } from '../store';
import { describeTokenCell } from './describe-cell';
import { StripFigure } from './StripFigure';
import { useTraceView } from './use-trace';
import type { HookName } from '../model/hooks';

export interface TokenStripProps {
  matrix: Matrix;
  kind: DivergingKind;
  caption: string;
  /** Short name for people, shown in the tooltip. */
  name: string;
  /** TransformerLens hook name. */
  hook: HookName;
  testId: string;
}

export function TokenStrip({ matrix, kind, caption, name, hook, testId }: TokenStripProps) {
  const t = useT();
  const { labels, position } = useTraceView();
  const { selectPosition } = useActions();
  const describe = useCallback(
    (row: number, col: number, value: number) =>
      describeTokenCell(t, { name, hook, shape: [matrix.rows, matrix.cols] }, labels, row, col, value),
    [t, name, hook, matrix, labels],
  );
  return (
    <StripFigure
      matrix={matrix}
      rowLabels={labels}
      kind={kind}
      caption={caption}
      describe={describe}
      markRow={position}
      onSelectRow={selectPosition}
      testId={testId}
    />
  );
}
