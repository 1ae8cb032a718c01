/** Stage 3: the learned position rows W_P[0..T-1], and their sum with the token rows: the residual stream's start. */
import { formatCount } from '../../app/format';
import { positionEmbeddingParams } from '../../app/parameters';
import { useT } from '../../i18n';
import { matrixRow } from '../block/tensor-views';
import { TokenStrip } from '../shared/TokenStrip';
import { useTraceView } from '../shared/use-trace';
import { VectorPreview } from '../shared/VectorPreview';
import { Waiting } from '../shared/Waiting';

export function PositionStage() {
  const t = useT();
  const { summary, tokens, position } = useTraceView();
  if (!summary) return <Waiting />;
  const c = summary.config;
  return (
    <div className="stage-body">
      <p>{t('position.params', { n: formatCount(c.n_positions), d: c.n_embd, params: formatCount(positionEmbeddingParams(c)) })}</p>
      <TokenStrip matrix={summary.posEmbed} kind="weight" caption={t('position.caption')} name={t('position.name')} hook="hook_pos_embed" testId="pos-strip" />
      <VectorPreview name={t('position.row', { position })} values={matrixRow(summary.posEmbed, position)} testId="pos-row" />
      <TokenStrip
        matrix={summary.resid[0]}
        kind="activation"
        caption={t('position.sum.caption')}
        name={t('position.sum.name')}
        hook="blocks.0.hook_resid_pre"
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
