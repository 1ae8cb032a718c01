/** The URL sync against a real store with an in-process fake worker client. */
import { describe, expect, it } from 'vitest';
import type { GPT2Config } from '../../src/model/config';
import type { TraceSummary } from '../../src/model/types';
import { syncUrl, type UrlTarget } from '../../src/share/url-sync';
import { parseShareState } from '../../src/share/url-state';
import { createAppStore } from '../../src/store';
import { RequestError, type ModelClient } from '../../src/worker/client';

const config: GPT2Config = {
  n_layer: 4,
  n_head: 4,
  n_embd: 8,
  n_positions: 64,
  vocab_size: 50257,
  layer_norm_epsilon: 1e-5,
};

/**
 * A client whose load and trace answer at once (the numbers are not read by the sync); block details are "cancelled".
 */
function fakeClient(): ModelClient {
  const never = () => Promise.reject(new RequestError('cancelled', 'not needed here'));
  return {
    load: async (model) => ({ id: model.id, config, backend: 'cpu', threads: null, totalBytes: 0, ms: 1 }),
    trace: async (ids) => ({ traceId: 1, summary: { tokenIds: ids, config } as unknown as TraceSummary, ms: 1 }),
    block: never,
    tokenAttention: never,
    logitsAt: never,
    predictions: never,
    logitLens: never,
    generate: never,
    embeddingRows: never,
    nearest: never,
    cachedModel: never,
    deleteCachedModel: never,
    runEdited: never,
    traceAside: never,
    attribute: never,
    headScores: never,
    inductionProbe: never,
    patchingSweep: never,
    call: () => ({ id: 0, result: never() }),
    cancel: () => {},
    dispose: () => {},
  };
}

function memoryUrl(initial: string): UrlTarget & { current: string; writes: number } {
  const u = {
    current: initial,
    writes: 0,
    search: () => u.current,
    replace: (s: string) => {
      u.current = s;
      u.writes++;
    },
  };
  return u;
}

const models = [{ id: 'm', name: 'm', url: './m/', description: '' }];

/** The URL is written in a task after the change: wait for it. */
const written = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('syncUrl', () => {
  it('restores stage, layer, head and token from a link, clamping to the model and prompt', async () => {
    const url = memoryUrl('?prompt=one+two+three&stage=blocks&layer=2&head=9&token=1&t=0.5&backend=wasm');
    const linked = parseShareState(url.current);
    const store = createAppStore({
      client: fakeClient(),
      models,
      debounceMs: 0,
      inputs: { prompt: linked.prompt, temperature: linked.temperature },
    });
    syncUrl(store, linked, url);
    expect(store.getState().selection.stage).toBe('blocks');
    // Before the model is ready, the link's layer stays in the URL.
    expect(new URLSearchParams(url.current).get('layer')).toBe('2');
    await store.getState().actions.loadModel('m');
    await written();
    const { selection } = store.getState();
    expect(selection.layer).toBe(2);
    expect(selection.head).toBe(3); // clamped to n_head - 1
    expect(selection.position).toBe(1);
    const params = new URLSearchParams(url.current);
    expect(params.get('head')).toBe('3');
    expect(params.get('t')).toBe('0.5');
    expect(params.get('model')).toBe('m');
    expect(params.get('backend')).toBe('wasm');
  });

  it("keeps the page's own token choice (the last token) when the link names none", async () => {
    const url = memoryUrl('?prompt=one+two+three');
    const linked = parseShareState(url.current);
    expect(linked.token).toBeUndefined();
    const store = createAppStore({ client: fakeClient(), models, debounceMs: 0, inputs: { prompt: linked.prompt } });
    syncUrl(store, linked, url);
    await store.getState().actions.loadModel('m');
    const { summary } = store.getState().trace;
    expect(summary).toBeTruthy();
    expect(store.getState().selection.position).toBe(summary!.tokenIds.length - 1);
  });

  it('writes later changes to the URL', async () => {
    const url = memoryUrl('');
    const store = createAppStore({ client: fakeClient(), models, debounceMs: 0 });
    syncUrl(store, parseShareState(url.current), url);
    await store.getState().actions.loadModel('m');
    store.getState().actions.setTopP(0.5);
    store.getState().actions.selectLayer(3);
    await written();
    const params = new URLSearchParams(url.current);
    expect(params.get('p')).toBe('0.5');
    expect(params.get('layer')).toBe('3');
  });

  it('writes once per task, after the changes of that task', async () => {
    const url = memoryUrl('');
    const store = createAppStore({ client: fakeClient(), models, debounceMs: 0 });
    syncUrl(store, parseShareState(url.current), url);
    await store.getState().actions.loadModel('m');
    await written();
    const writes = url.writes;
    store.getState().actions.setTopP(0.5);
    store.getState().actions.setTopK(7);
    store.getState().actions.selectLayer(3);
    expect(url.writes).toBe(writes);
    await written();
    expect(url.writes).toBe(writes + 1);
    const params = new URLSearchParams(url.current);
    expect([params.get('p'), params.get('k'), params.get('layer')]).toEqual(['0.5', '7', '3']);
  });
});
