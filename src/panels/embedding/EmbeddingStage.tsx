/** Stage 2: each token's row of W_E as a colour strip, the step's shape and W_E's size. */
import { formatCount } from '../../app/format';
import { tokenEmbeddingParams } from '../../app/parameters';
import { useT } from '../../i18n';
import { matrixRow } from '../block/tensor-views';
import { EmbeddingExplorer } from '../embedding-explorer/EmbeddingExplorer';
import { TokenStrip } from '../shared/TokenStrip';
import { useTraceView } from '../shared/use-trace';
import { VectorPreview } from '../shared/VectorPreview';
import { Waiting } from '../shared/Waiting';

export function EmbeddingStage() {
  const t = useT();
  const { summary, tokens, position } = useTraceView();
  if (!summary) return <Waiting />;
  const c = summary.config;
  return (
    <div className="stage-body">
      <p>
        {t('embed.shape', { T: summary.embed.rows, d: c.n_embd })}{' '}
        {t('embed.params', { vocab: formatCount(c.vocab_size), d: c.n_embd, params: formatCount(tokenEmbeddingParams(c)) })}
      </p>
      <TokenStrip matrix={summary.embed} kind="weight" caption={t('embed.caption')} name={t('embed.name')} hook="hook_embed" testId="embed-strip" />
      <VectorPreview name={t('embed.row', { id: tokens[position].id })} values={matrixRow(summary.embed, position)} testId="embed-row" />
      <EmbeddingExplorer />
    </div>
  );
}
