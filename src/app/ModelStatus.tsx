/** Which model and backend are running, the download's progress, or why loading failed. */
import { useT } from '../i18n';
import { findModel } from '../hub/catalog';
import { useActions, useApp } from '../store';
import { formatBytes, formatCount } from '../util/format';
import { loadStep } from './load-step';
import { totalParams } from '../analysis/param-tally';

export function ModelStatus() {
  const t = useT();
  const model = useApp((s) => s.model);
  const { loadModel } = useActions();
  const name = (model.modelId && findModel(model.modelId)?.name) ?? model.modelId ?? '';
  const { progress } = model;
  const step = loadStep(progress);

  return (
    <div
      className="model-status"
      data-phase={model.phase}
      data-model={model.modelId ?? ''}
      data-backend={model.backend ?? ''}
      data-threads={model.threads ?? ''}
    >
      <span>
        {t('model.label')}: <strong>{name || '—'}</strong>
      </span>
      {model.backend && (
        <span>
          {t('model.backend')}: <strong>{t(`backend.${model.backend}`)}</strong>
          {model.threads !== null && (
            <> {model.threads === 1 ? t('model.thread') : t('model.threads', { n: model.threads })}</>
          )}
        </span>
      )}
      {model.phase === 'loading' && step.kind === 'download' && (
        <span className="loading" data-step="download">
          {t('model.loading', { name })}{' '}
          <progress max={100} value={step.percent} aria-label={t('model.loading', { name })} />{' '}
          {progress &&
            t('model.progress', {
              loaded: formatBytes(progress.loaded),
              total: formatBytes(progress.total),
              percent: step.percent,
            })}
        </span>
      )}
      {model.phase === 'loading' && step.kind === 'convert' && (
        <span className="loading" data-step="convert">
          {t('model.converting', { name })}{' '}
          {/* No value: the browser shows a bar that is busy, not one that is full. */}
          <progress aria-label={t('model.converting', { name })} />{' '}
          {t('model.verified', { size: formatBytes(step.bytes) })}
        </span>
      )}
      {model.phase === 'ready' && model.config && model.loadMs !== null && (
        <span className="muted">
          {t('model.ready', {
            params: formatCount(totalParams(model.config)),
            seconds: (model.loadMs / 1000).toFixed(1),
          })}
        </span>
      )}
      {model.phase === 'error' && (
        <span role="alert" className="error">
          {t('model.error', { message: model.error ?? '' })}{' '}
          {model.modelId && (
            <button type="button" onClick={() => void loadModel(model.modelId!)}>
              {t('model.retry')}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
