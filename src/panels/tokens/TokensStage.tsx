/**
 * Stage 1: how many BPE pieces the prompt makes against n_positions, and the selected
 * piece's bytes. The pieces themselves are the first screen's buttons (first-screen/PromptTokens),
 * just above. Tokenizing needs no model, so this stage works while the weights download.
 */
import { formatCount } from '../../util/format';
import { useT } from '../../i18n';
import { selectPromptTokens, useApp } from '../../store';
import { TokenDetail } from './TokenDetail';

export function TokensStage() {
  const t = useT();
  const tokens = useApp(selectPromptTokens);
  const max = useApp((s) => s.model.config?.n_positions);
  const position = useApp((s) => s.selection.position);
  const dropped = max !== undefined ? Math.max(0, tokens.length - max) : 0;
  // The selection counts positions the model sees; dropped tokens come before them.
  const selected = Math.min(position + dropped, tokens.length - 1);

  if (tokens.length === 0) return <p className="muted">{t('tokens.none')}</p>;
  return (
    <div className="tokens-stage">
      <p data-testid="token-count" data-count={tokens.length}>
        <strong>{t('tokens.count', { n: tokens.length })}</strong>{' '}
        {max !== undefined && <span className="muted">{t('tokens.limit', { max: formatCount(max) })}</span>}
      </p>
      {dropped > 0 && (
        <p className="warning" role="status">
          {t('tokens.dropped', { n: dropped, max: max ?? 0 })}
        </p>
      )}
      <p className="muted">{t('tokens.above')}</p>
      <TokenDetail token={tokens[selected]} position={selected - dropped} />
    </div>
  );
}
