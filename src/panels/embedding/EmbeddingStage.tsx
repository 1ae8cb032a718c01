/** Stage 2: each token's row of W_E as a colour strip, the step's shape and W_E's size. */
import type { ReactNode } from 'react';
import { formatCount } from '../../util/format';
import { weightCount } from '../../analysis/param-tally';
import { StripWithRow } from '../../ui/StripWithRow';
import { TracedStage } from '../../ui/TracedStage';

/** explorer: the embedding explorer drawn under the strips. */
export function EmbeddingStage({ explorer }: { explorer: ReactNode }) {
  return (
    <TracedStage>
      {({ t, summary, config: c, tokens, position }) => (
        <>
          <p>
            {t('embed.shape', { T: summary.embed.rows, d: c.n_embd })}{' '}
            {t('embed.params', {
              vocab: formatCount(c.vocab_size),
              d: c.n_embd,
              params: formatCount(weightCount(c, 'tokenEmbedding')),
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
          {explorer}
        </>
      )}
    </TracedStage>
  );
}
