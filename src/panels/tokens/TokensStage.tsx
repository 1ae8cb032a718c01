/**
 * Stage 1: the prompt's BPE pieces as buttons (display form with visible spaces, id
 * underneath), how many there are against n_positions, and the selected piece's bytes.
 * Tokenizing needs no model, so this stage works while the weights download.
 */
import { formatCount } from '../../util/format';
import { useT } from '../../i18n';
import { selectPromptTokens, useActions, useApp } from '../../store';
import { TokenDetail } from './TokenDetail';

export function TokensStage() {
  const t = useT();
  const tokens = useApp(selectPromptTokens);
  const max = useApp((s) => s.model.config?.n_positions);
  const position = useApp((s) => s.selection.position);
  const { selectPosition } = useActions();
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
      <ol className="token-list" aria-label={t('tokens.list')}>
        {tokens.map((tok, i) => (
          <li key={i}>
            <button
              type="button"
              className={i < dropped ? 'token dropped' : 'token'}
              aria-pressed={i === selected}
              data-token-id={tok.id}
              data-position={i}
              onClick={() => selectPosition(i - dropped)}
            >
              <span className="token-text">{tok.display}</span>
              <span className="token-id">{tok.id}</span>
            </button>
          </li>
        ))}
      </ol>
      <TokenDetail token={tokens[selected]} position={selected - dropped} />
    </div>
  );
}
