/** The selected token spelled out: id, exact bytes, decoded text. */
import { useT } from '../../i18n';
import type { TokenInfo } from '../../tokenizer';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

export function TokenDetail({ token, position }: { token: TokenInfo; position: number }) {
  const t = useT();
  return (
    <div className="token-detail" data-testid="token-detail">
      <h3>{t('tokens.detail.title', { position })}</h3>
      <dl>
        <dt>{t('tokens.detail.id')}</dt>
        <dd>{token.id}</dd>
        <dt>{t('tokens.detail.bytes')}</dt>
        <dd>
          <code>{hex(token.bytes)}</code>
        </dd>
        <dt>{t('tokens.detail.text')}</dt>
        <dd>
          <code>{token.display}</code>
        </dd>
      </dl>
      {!token.complete && <p className="muted">{t('tokens.detail.partial')}</p>}
    </div>
  );
}
