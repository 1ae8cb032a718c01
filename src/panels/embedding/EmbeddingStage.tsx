/** Stage 2: each token's row of W_E as a colour strip, the step's shape and W_E's size. */
import { useCallback } from 'react';
import { formatCount } from '../../app/format';
import { tokenEmbeddingParams } from '../../app/parameters';
import { useT } from '../../i18n';
import { useActions } from '../../store';
import { matrixRow } from '../block/tensor-views';
import { describeTokenCell } from '../shared/describe-cell';
import { StripFigure } from '../shared/StripFigure';
import { useTraceView } from '../shared/use-trace';
import { VectorPreview } from '../shared/VectorPreview';
import { Waiting } from '../shared/Waiting';

export function EmbeddingStage() {
  const t = useT();
  const { summary, tokens, labels, position } = useTraceView();
  const { selectPosition } = useActions();
  const describe = useCallback(
    (row: number, col: number, value: number) =>
      describeTokenCell(t, { name: t('embed.name'), hook: 'hook_embed', shape: [summary!.embed.rows, summary!.embed.cols] }, labels, row, col, value),
    [t, summary, labels],
  );
  if (!summary) return <Waiting />;
  const c = summary.config;
  return (
    <div className="stage-body">
      <p>
        {t('embed.shape', { T: summary.embed.rows, d: c.n_embd })}{' '}
        {t('embed.params', { vocab: formatCount(c.vocab_size), d: c.n_embd, params: formatCount(tokenEmbeddingParams(c)) })}
      </p>
      <StripFigure
        matrix={summary.embed}
        rowLabels={labels}
        kind="weight"
        caption={t('embed.caption')}
        describe={describe}
        markRow={position}
        onSelectRow={selectPosition}
        testId="embed-strip"
      />
      <VectorPreview name={t('embed.row', { id: tokens[position].id })} values={matrixRow(summary.embed, position)} testId="embed-row" />
    </div>
  );
}
