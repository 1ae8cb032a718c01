/**
 * The model picker in the header: which model is running, and every model the page can run
 * with its size and download state (bundled, GPT-2 small converted locally, GPT-2 small from
 * the Hugging Face Hub: not downloaded / downloading n% / kept in this browser).
 * ModelNotices says, below the header, when a chosen model failed (offering the bundled one:
 * the page never falls back on its own) and when a Hub download could not be kept.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT, type TFunction } from '../../i18n';
import { catalog, type CatalogEntry } from '../../hub/catalog';
import { formatBytes, formatCount } from '../../util/format';
import { useActions, useApp } from '../../store';
import {
  badHubParam,
  bundledFallback,
  cacheNotice,
  canLoad,
  entryState,
  type EntryState,
  type Probe,
} from './picker-state';
import { probeAgain, useProbes } from './use-probes';
import './model-picker.css';

const hostOf = (url: string) => new URL(url).host;

/** The panel's width in px, as in model-picker.css. */
const PANEL_WIDTH = 520;

function stateText(t: TFunction, entry: CatalogEntry, state: EntryState): string {
  switch (state.kind) {
    case 'loading':
      if (state.converting) return t('picker.state.converting');
      return state.percent === null
        ? t('picker.state.loading-unknown')
        : t('picker.state.loading', { percent: state.percent });
    case 'failed':
      return t('picker.state.failed', { message: state.message });
    case 'missing':
      return t(entry.local ? 'picker.state.missing-local' : 'picker.state.missing');
    default:
      return t(`picker.state.${state.kind}`);
  }
}

function sizeText(t: TFunction, probe: Probe | undefined): string | null {
  if (!probe?.storedBytes) return null;
  if (probe.downloadBytes) {
    return t('picker.size.hub', { download: formatBytes(probe.downloadBytes), stored: formatBytes(probe.storedBytes) });
  }
  // Every stored value is one float16: bytes / 2 parameters.
  return t('picker.size.stored', {
    size: formatBytes(probe.storedBytes),
    params: formatCount(probe.storedBytes / 2),
  });
}

function loadLabel(t: TFunction, state: EntryState, probe: Probe | undefined): string {
  if (state.kind === 'failed') return t('picker.retry');
  if (state.kind === 'not-downloaded' && probe?.downloadBytes)
    return t('picker.download', { size: formatBytes(probe.downloadBytes) });
  return t('picker.load');
}

function EntryRow({ entry, probe, onLoad }: { entry: CatalogEntry; probe?: Probe; onLoad(id: string): void }) {
  const t = useT();
  const model = useApp((s) => s.model);
  const { deleteCachedModel } = useActions();
  const state = entryState(entry, model, probe);
  const size = sizeText(t, probe);
  const kind = entry.hub
    ? t('picker.kind.hub', { host: hostOf(entry.hub.endpoint) })
    : t(entry.local ? 'picker.kind.local' : 'picker.kind.bundled');
  const describe = t(`picker.desc.${entry.id}`);
  const remove = async () => {
    if (entry.hub) await deleteCachedModel(entry.hub);
    probeAgain();
  };
  return (
    <li
      className="picker-entry"
      data-model={entry.id}
      data-state={state.kind}
      aria-current={state.kind === 'running' ? 'true' : undefined}
    >
      <div className="picker-entry-head">
        <strong>{entry.name}</strong> <span className="muted">{kind}</span>
      </div>
      <p className="picker-entry-desc">{describe === `picker.desc.${entry.id}` ? entry.description : describe}</p>
      {size && <p className="picker-entry-size">{size}</p>}
      <p className="picker-entry-state" role={state.kind === 'failed' ? 'alert' : undefined}>
        {stateText(t, entry, state)}
        {state.kind === 'loading' && state.percent !== null && (
          <progress max={100} value={state.percent} aria-hidden="true" />
        )}
      </p>
      <div className="picker-entry-actions">
        {canLoad(state) && (
          <button type="button" onClick={() => onLoad(entry.id)}>
            {loadLabel(t, state, probe)}
          </button>
        )}
        {entry.hub && probe?.available && state.kind !== 'loading' && (
          <button type="button" className="secondary" onClick={() => void remove()}>
            {t('picker.delete')}
          </button>
        )}
      </div>
    </li>
  );
}

export function ModelPicker({ entries = catalog }: { entries?: readonly CatalogEntry[] }) {
  const t = useT();
  const model = useApp((s) => s.model);
  const { loadModel } = useActions();
  const [open, setOpen] = useState(false);
  // The panel opens towards the side of the window with room for it.
  const [align, setAlign] = useState<'left' | 'right'>('right');
  const probes = useProbes(entries, model);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const current = entries.find((e) => e.id === model.modelId);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const toggle = () => {
    const rect = button.current?.getBoundingClientRect();
    if (rect) setAlign(rect.left + PANEL_WIDTH > window.innerWidth ? 'right' : 'left');
    setOpen(!open);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const load = (id: string) => {
    setOpen(false);
    void loadModel(id);
  };

  return (
    <div className="model-picker" ref={root}>
      <button
        ref={button}
        type="button"
        className="picker-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        {t('picker.button', { name: current?.name ?? model.modelId ?? '—' })}
      </button>
      {open && (
        <section id={panelId} className={`picker-panel align-${align}`} aria-label={t('picker.title')}>
          <div className="picker-panel-head">
            <h2>{t('picker.title')}</h2>
            <button type="button" className="secondary" onClick={close}>
              {t('picker.close')}
            </button>
          </div>
          <ul>
            {entries.map((entry) => (
              <EntryRow key={entry.id} entry={entry} probe={probes.get(entry.id)} onLoad={load} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Failures and cache notices, shown under the header where they cannot be missed. */
export function ModelNotices({ entries = catalog }: { entries?: readonly CatalogEntry[] }) {
  const t = useT();
  const model = useApp((s) => s.model);
  const { loadModel } = useActions();
  const probes = useProbes(entries, model);
  const current = entries.find((e) => e.id === model.modelId);
  const fallback = bundledFallback(entries, probes);
  const notice = cacheNotice(current, model, current && probes.get(current.id));
  const badHub = badHubParam(typeof location === 'undefined' ? '' : location.search);
  if (!badHub && !notice && !(model.phase === 'error' && fallback && fallback.id !== model.modelId)) return null;
  return (
    <div className="model-notices">
      {badHub && <p className="notice">{t('picker.notice.bad-hub', { value: badHub })}</p>}
      {notice && current && (
        <p className="notice" role="status">
          {t(`picker.notice.${notice}`, { name: current.name })}
        </p>
      )}
      {model.phase === 'error' && fallback && fallback.id !== model.modelId && (
        <p className="notice" role="alert">
          {t('picker.fallback', { failed: current?.name ?? model.modelId ?? '' })}{' '}
          <button type="button" onClick={() => void loadModel(fallback.id)}>
            {t('picker.fallback.use', { name: fallback.name })}
          </button>
        </p>
      )}
    </div>
  );
}
