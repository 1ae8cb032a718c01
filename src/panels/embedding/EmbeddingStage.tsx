/** Stage 2: each token's row of W_E as a colour strip, the step's shape and W_E's size. */
import { formatCount } from '../../app/format';
import { tokenEmbeddingParams } from '../../app/parameters';
import { EmbeddingExplorer } from '../embedding-explorer/EmbeddingExplorer';
import { StripWithRow } from '../shared/StripWithRow';
import { TracedStage } from '../shared/TracedStage';

export function EmbeddingStage() {
  return (
    <TracedStage>
      {({ t, summary, config: c, tokens, position }) => (
        <>
          <p>
            {t('embed.shape', { T: summary.embed.rows, d: c.n_embd })}{' '}
            {t('embed.params', {
              vocab: formatCount(c.vocab_size),
              d: c.n_embd,
              params: formatCount(tokenEmbeddingParams(c)),
            })}
          </p>
          <StripWithRow
            matrix={summary.embed}
            kind="weight"
            caption={t('embed.caption', { hook: 'hook_embed' })}
            name={t('embed.name')}
            hook="hook_embed"
            testId="embed-strip"
            position={position}
            rowName={t('embed.row', { id: tokens[position].id })}
            rowTestId="embed-row"
          />
          <EmbeddingExplorer />
        </>
      )}
    </TracedStage>
  );
}
