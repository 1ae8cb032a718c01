import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/hub/catalog';
import { CONVERTING } from '../../../src/hub/hub';
import type { ModelStatus } from '../../../src/store';
import {
  badHubParam,
  bundledFallback,
  cacheNotice,
  canLoad,
  entryState,
  type Probe,
} from '../../../src/panels/model-picker/picker-state';

const entries = buildCatalog();
const byId = (id: string) => entries.find((e) => e.id === id)!;
const status = (over: Partial<ModelStatus>): ModelStatus => ({
  phase: 'idle',
  modelId: null,
  config: null,
  backend: null,
  threads: null,
  progress: null,
  error: null,
  loadMs: null,
  ...over,
});
const probe = (available: boolean, over: Partial<Probe> = {}): Probe => ({
  available,
  storedBytes: available ? 1000 : null,
  ...over,
});

describe('entryState', () => {
  it('reports the running, loading (with percent) and failed model from the store', () => {
    const hub = byId('gpt2-hub');
    expect(entryState(hub, status({ modelId: 'gpt2-hub', phase: 'ready' }), probe(true))).toEqual({ kind: 'running' });
    const loading = status({ modelId: 'gpt2-hub', phase: 'loading', progress: { loaded: 420, total: 1000 } });
    expect(entryState(hub, loading, probe(false))).toEqual({ kind: 'loading', percent: 42, converting: false });
    expect(entryState(hub, status({ modelId: 'gpt2-hub', phase: 'loading' }), undefined)).toEqual({
      kind: 'loading',
      percent: null,
      converting: false,
    });
    const converting = status({
      modelId: 'gpt2-hub',
      phase: 'loading',
      progress: { loaded: 1000, total: 1000, file: CONVERTING },
    });
    expect(entryState(hub, converting, probe(false))).toEqual({ kind: 'loading', percent: 100, converting: true });
    const failed = status({ modelId: 'gpt2-hub', phase: 'error', error: 'cannot reach huggingface.co' });
    expect(entryState(hub, failed, probe(false))).toEqual({ kind: 'failed', message: 'cannot reach huggingface.co' });
  });

  it('tells Hub download state from bundled availability', () => {
    const idle = status({ modelId: 'gpt2-mini-circuits', phase: 'ready' });
    expect(entryState(byId('gpt2-hub'), idle, probe(false))).toEqual({ kind: 'not-downloaded' });
    expect(entryState(byId('gpt2-hub'), idle, probe(true))).toEqual({ kind: 'cached' });
    expect(entryState(byId('gpt2-local'), idle, probe(false))).toEqual({ kind: 'missing' });
    expect(entryState(byId('tiny-random'), idle, probe(true))).toEqual({ kind: 'available' });
    expect(entryState(byId('tiny-random'), idle, undefined)).toEqual({ kind: 'checking' });
  });

  it('offers a button only where loading can work', () => {
    expect(canLoad({ kind: 'missing' })).toBe(false);
    expect(canLoad({ kind: 'running' })).toBe(false);
    expect(canLoad({ kind: 'loading', percent: 3, converting: false })).toBe(false);
    expect(canLoad({ kind: 'not-downloaded' })).toBe(true);
    expect(canLoad({ kind: 'failed', message: 'x' })).toBe(true);
  });
});

describe('bundledFallback', () => {
  it('is the first bundled model that answers, never a local or Hub one', () => {
    const probes = new Map([
      ['gpt2-mini-circuits', probe(false)],
      ['gpt2-local', probe(true)],
      ['gpt2-hub', probe(true)],
      ['tiny-random', probe(true)],
    ]);
    expect(bundledFallback(entries, probes)?.id).toBe('tiny-random');
    probes.set('gpt2-mini-circuits', probe(true));
    expect(bundledFallback(entries, probes)?.id).toBe('gpt2-mini-circuits');
    expect(bundledFallback(entries, new Map())).toBeUndefined();
  });
});

describe('cacheNotice', () => {
  const ready = status({ modelId: 'gpt2-hub', phase: 'ready' });
  it('says nothing when the loaded Hub model is cached, or for other models', () => {
    expect(cacheNotice(byId('gpt2-hub'), ready, probe(true, { cacheUsable: true }))).toBeNull();
    expect(
      cacheNotice(byId('tiny-random'), status({ modelId: 'tiny-random', phase: 'ready' }), probe(false)),
    ).toBeNull();
  });
  it('tells a full cache from a missing one', () => {
    expect(cacheNotice(byId('gpt2-hub'), ready, probe(false, { cacheUsable: true }))).toBe('not-kept');
    expect(cacheNotice(byId('gpt2-hub'), ready, probe(false, { cacheUsable: false }))).toBe('unavailable');
  });
});

describe('badHubParam', () => {
  it('returns an unusable ?hub= value, nothing for a good or absent one', () => {
    expect(badHubParam('?hub=ftp://x')).toBe('ftp://x');
    expect(badHubParam('?hub=https://hf-mirror.com')).toBeNull();
    expect(badHubParam('?model=gpt2-hub')).toBeNull();
  });
});
