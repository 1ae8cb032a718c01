/**
 * On a visit with GPT-2 small neither shipped nor kept in this browser: says what is
 * running (the bundled model, and how it differs from GPT-2 small) and offers GPT-2 small
 * with its download size, in one click. Progress is shown here while the bundled model
 * keeps running; a "not now" is remembered.
 */
import { formatBytes, formatCount } from '../util/format';
import { totalParams } from '../analysis/param-tally';
import { useT } from '../i18n';
import { catalog, type CatalogEntry } from '../hub/catalog';
import { CONVERTING } from '../hub/hub';
import { useActions, useApp } from '../store';
import { GPT2_SMALL_CONFIG } from '../panels/model-picker/probe';
import { useProbes } from '../panels/model-picker/use-probes';
import { useOffer } from '../store/offer-store';

export function Gpt2Offer({ entries = catalog }: { entries?: readonly CatalogEntry[] }) {
  const t = useT();
  const model = useApp((s) => s.model);
  const { loadModel } = useActions();
  const probes = useProbes(entries, model);
  const offer = useOffer();
  const hub = entries.find((e) => e.hub);
  const running = entries.find((e) => e.id === model.modelId);
  const gpt2Here = entries.some((e) => (e.hub || e.local) && probes.get(e.id)?.available);
  const busy = offer.phase === 'downloading' || offer.phase === 'switching';
  const hubProbe = hub && probes.get(hub.id);
  if (!hub || !running || running.hub || running.local || !model.config || !hubProbe) return null;
  if (!busy && offer.phase !== 'failed' && (offer.declined || gpt2Here)) return null;

  const name = running.name;
  const p = offer.progress;
  const percent = p && p.total > 0 ? Math.floor((100 * p.loaded) / p.total) : 0;
  return (
    <aside className="gpt2-offer" aria-label="GPT-2 small" data-phase={offer.phase}>
      <p>
        {t('first.offer.running', {
          name,
          layers: model.config.n_layer,
          params: formatCount(totalParams(model.config)),
        })}{' '}
        {t('first.offer.gpt2', {
          layers: GPT2_SMALL_CONFIG.n_layer,
          params: formatCount(totalParams(GPT2_SMALL_CONFIG)),
        })}
      </p>
      {offer.phase === 'downloading' && (
        <p role="status">
          {p?.file === CONVERTING
            ? t('first.offer.converting', { name })
            : t('first.offer.progress', {
                loaded: formatBytes(p?.loaded ?? 0),
                total: formatBytes(p?.total ?? hubProbe.downloadBytes ?? 0),
                percent,
                name,
              })}{' '}
          {p?.file === CONVERTING ? (
            <progress aria-label={t('first.offer.converting', { name })} />
          ) : (
            <progress max={100} value={percent} aria-label="GPT-2 small" />
          )}
        </p>
      )}
      {offer.phase === 'switching' && <p role="status">{t('first.offer.switching')}</p>}
      {offer.phase === 'failed' && (
        <p role="alert" className="error">
          {t('first.offer.failed', { message: offer.error ?? '' })}
        </p>
      )}
      {!busy && (
        <div className="gpt2-offer-actions">
          <button type="button" onClick={() => void offer.accept(hub, loadModel)}>
            {offer.phase === 'failed'
              ? t('first.offer.retry')
              : t('first.offer.download', { size: formatBytes(hubProbe.downloadBytes ?? 0) })}
          </button>
          <button type="button" className="secondary" onClick={offer.decline}>
            {t('first.offer.decline')}
          </button>
          <small className="muted">{t('first.offer.kept')}</small>
        </div>
      )}
    </aside>
  );
}
