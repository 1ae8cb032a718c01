/** The prompt textbox. Every edit goes to the store, which re-runs the model after a short pause. */
import { useT } from '../i18n';
import { useActions, useApp } from '../store';

export function PromptInput() {
  const t = useT();
  const prompt = useApp((s) => s.inputs.prompt);
  const pending = useApp((s) => s.trace.pending);
  const ms = useApp((s) => s.trace.ms);
  const { setPrompt } = useActions();
  return (
    <div className="prompt">
      <label htmlFor="prompt-input">{t('prompt.label')}</label>
      <textarea
        id="prompt-input"
        // The names other tools rely on stay English in every language; the visible label is translated.
        aria-label="Prompt"
        value={prompt}
        rows={2}
        spellCheck={false}
        aria-describedby="prompt-hint"
        onChange={(e) => setPrompt(e.target.value)}
      />
      <p id="prompt-hint" className="hint">
        {t('prompt.hint')}{' '}
        <span className="trace-status" aria-live="polite">
          {pending ? t('trace.running') : ms !== null ? t('trace.ms', { ms: Math.round(ms) }) : ''}
        </span>
      </p>
    </div>
  );
}
