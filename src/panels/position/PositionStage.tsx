/** Stage 3: the learned position rows W_P[0..T-1], and their sum with the token rows: the residual stream's start. */
import { formatCount } from '../../util/format';
import { weightCount } from '../../analysis/param-tally';
import { StripWithRow } from '../../ui/StripWithRow';
import { TracedStage } from '../../ui/TracedStage';
import { blockHook } from '../../model/hooks';

export function PositionStage() {
  return (
    <TracedStage>
      {({ t, summary, config: c, tokens, position }) => (
        <>
          <p>
            {t('position.params', {
              n: formatCount(c.n_positions),
              d: c.n_embd,
              params: formatCount(weightCount(c, 'positionEmbedding')),
            })}
          </p>
          <StripWithRow
            matrix={summary.posEmbed}
            kind="weight"
            caption={t('position.caption', { hook: 'hook_pos_embed' })}
            name={t('position.name')}
            hook="hook_pos_embed"
            testId="pos-strip"
            position={position}
            rowName={t('position.row', { position })}
            rowTestId="pos-row"
          />
          <StripWithRow
            matrix={summary.resid[0]}
            kind="activation"
            caption={t('position.sum.caption', { hook: blockHook(0, 'hook_resid_pre') })}
            name={t('position.sum.name')}
            hook={blockHook(0, 'hook_resid_pre')}
            testId="resid0-strip"
            position={position}
            rowName={t('position.sum.row', { position, id: tokens[position].id })}
            rowTestId="resid0-row"
          />
        </>
      )}
    </TracedStage>
  );
}
