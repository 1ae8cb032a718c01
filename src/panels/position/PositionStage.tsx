/** Stage 3: the learned position rows W_P[0..T-1], and their sum with the token rows: the residual stream's start. */
import { useCallback, useMemo } from 'react';
import { formatCount } from '../../app/format';
import { positionEmbeddingParams } from '../../app/parameters';
import { useT } from '../../i18n';
import { useActions } from '../../store';
import { matrixRow } from '../block/tensor-views';
import { describeTokenCell } from '../shared/describe-cell';
import { StripFigure } from '../shared/StripFigure';
import { useTraceView } from '../shared/use-trace';
import { VectorPreview } from '../shared/VectorPreview';
import { Waiting } from '../shared/Waiting';

export function PositionStage() {
  const t = useT();
  const { summary, tokens, labels, position } = useTraceView();
  const { selectPosition } = useActions();
  const shape = useMemo(() => (summary ? [summary.posEmbed.rows, summary.posEmbed.cols] : []), [summary]);
  const describePos = useCallback(
    (row: number, col: number, value: number) =>
      describeTokenCell(t, { name: t('position.name'), hook: 'hook_pos_embed', shape }, labels, row, col, value),
    [t, shape, labels],
  );
  const describeSum = useCallback(
    (row: number, col: number, value: number) =>
      describeTokenCell(t, { name: t('position.sum.name'), hook: 'blocks.0.hook_resid_pre', shape }, labels, row, col, value),
    [t, shape, labels],
  );
  if (!summary) return <Waiting />;
  const c = summary.config;
  return (
    <div className="stage-body">
      <p>{t('position.params', { n: formatCount(c.n_positions), d: c.n_embd, params: formatCount(positionEmbeddingParams(c)) })}</p>
      <StripFigure
        matrix={summary.posEmbed}
        rowLabels={labels}
        kind="weight"
        caption={t('position.caption')}
        describe={describePos}
        markRow={position}
        onSelectRow={selectPosition}
        testId="pos-strip"
      />
      <VectorPreview name={t('position.row', { position })} values={matrixRow(summary.posEmbed, position)} testId="pos-row" />
      <StripFigure
        matrix={summary.resid[0]}
        rowLabels={labels}
        kind="activation"
        caption={t('position.sum.caption')}
        describe={describeSum}
        markRow={position}
        onSelectRow={selectPosition}
        testId="resid0-strip"
      />
      <VectorPreview
        name={t('position.sum.row', { position, id: tokens[position].id })}
        values={matrixRow(summary.resid[0], position)}
        testId="resid0-row"
      />
    </div>
  );
}
