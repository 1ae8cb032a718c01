/**
 * The prompt's BPE pieces as buttons (display form with visible spaces, id underneath).
 * Tokenizing needs no model, so they are there while the weights download. A click selects
 * the token and opens the view of where its heads look.
 */
import { useT } from '../i18n';
import { selectPromptTokens, useActions, useApp } from '../store';

export function PromptTokens() {
  const t = useT();
  const tokens = useApp(selectPromptTokens);
  const max = useApp((s) => s.model.config?.n_positions);
  const position = useApp((s) => s.selection.position);
  const { inspectToken } = useActions();
  const dropped = max !== undefined ? Math.max(0, tokens.length - max) : 0;
  // The selection counts positions the model sees; dropped tokens come before them.
  const selected = Math.min(position + dropped, tokens.length - 1);
  return (
    <section className="first-tokens" aria-labelledby="first-tokens-title">
      <h2 id="first-tokens-title">{t('first.tokens.title')}</h2>
      <p className="hint">{tokens.length === 0 ? t('tokens.none') : t('first.tokens.hint')}</p>
      <ol className="token-list">
        {tokens.map((tok, i) => (
          <li key={i}>
            <button
              type="button"
              className={i < dropped ? 'token dropped' : 'token'}
              aria-pressed={i === selected}
              data-token-id={tok.id}
              data-position={i}
              onClick={() => inspectToken(i - dropped)}
            >
              <span className="token-text">{tok.display}</span>
              <span className="token-id">{tok.id}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
