/**
 * "Copy link": the page's address already holds the whole view (src/share/url-sync.ts),
 * so copying it is enough. Where the clipboard is not available (plain-HTTP pages, some
 * browsers), the link is shown selected so it can be copied by hand.
 */
import { useState } from 'react';
import { useT } from '../../i18n';

export function CopyLink() {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setState('copied');
      setTimeout(() => setState('idle'), 2500);
    } catch {
      setState('manual');
    }
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()} title={t('share.title')}>
        {t('share.copy')}
      </button>
      {state === 'copied' && (
        <span role="status" className="muted">
          {t('share.copied')}
        </span>
      )}
      {state === 'manual' && (
        <input
          type="text"
          readOnly
          value={location.href}
          aria-label={t('share.manual')}
          ref={(el) => el?.select()}
          onFocus={(e) => e.target.select()}
        />
      )}
    </span>
  );
}
