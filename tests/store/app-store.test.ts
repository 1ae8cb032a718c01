import { beforeAll, describe, expect, it } from 'vitest';
import { softmax } from '../../src/sampling';
import { createAppStore, selectProbabilities, selectSampledToken, type AppStore } from '../../src/store';
import { selectRequested } from '../../src/store/requests';
import { encodeToIds } from '../../src/tokenizer';
import { RequestError, type ModelClient } from '../../src/worker/client';
import { inProcessWire, type Wire } from '../worker/in-process';

const until = async (check: () => boolean, what: string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const traces = (wire: Wire) => wire.sent.filter((r) => r.method === 'trace').length;

describe('app store with the real model (tiny-random) behind the worker protocol', () => {
  let wire: Wire;
  let store: AppStore;
  const state = () => store.getState();

  beforeAll(async () => {
    wire = inProcessWire();
    store = createAppStore({ client: wire.client, debounceMs: 30 });
    await state().actions.loadModel('tiny-random');
  });

  it('loads the model, then traces the current prompt', () => {
    expect(state().model).toMatchObject({ phase: 'ready', modelId: 'tiny-random', backend: 'wasm', error: null });
    expect(state().model.progress?.loaded).toBe(state().model.progress?.total);
    expect(state().trace.summary?.tokenIds).toEqual(encodeToIds(state().inputs.prompt));
    // Before any selection, the last token (where the prediction is) is selected.
    expect(state().selection.position).toBe(state().trace.tokens.length - 1);
  });

  it('traces once after a burst of edits (debounced), for the last text', async () => {
    const before = traces(wire);
    for (const text of ['A', 'A c', 'A ca', 'A cat']) state().actions.setPrompt(text);
    await until(() => state().trace.summary?.tokenIds.join() === encodeToIds('A cat').join(), 'the trace of "A cat"');
    expect(traces(wire) - before).toBe(1);
    expect(state().trace.tokens.map((t) => t.display)).toEqual(['A', '␣cat']);
  });

  it('changes the distribution with temperature without re-running the model', () => {
    const before = traces(wire);
    const logits = state().trace.summary!.lastLogits;
    state().actions.setTemperature(0.5);
    const probs = selectProbabilities(state())!;
    expect(Array.from(probs.subarray(0, 50))).toEqual(Array.from(softmax(logits, 0.5).subarray(0, 50)));
    // Memoised: same inputs, same array object.
    expect(selectProbabilities(state())).toBe(probs);
    state().actions.setTemperature(7);
    expect(state().inputs.temperature).toBe(2);
    state().actions.setTemperature(Number.NaN);
    expect(state().inputs.temperature).toBe(2);
    expect(traces(wire)).toBe(before);
  });

  it('samples the same token for the same seed and settings', () => {
    state().actions.setTemperature(1);
    state().actions.setSeed(11);
    const a = selectSampledToken(state());
    state().actions.setSeed(12);
    state().actions.setSeed(11);
    expect(selectSampledToken(state())).toBe(a);
  });

  it('fetches the selected layer and token on the blocks stage, and drops answers for old selections', async () => {
    const { actions } = state();
    actions.selectStage('blocks');
    await until(() => state().trace.block !== null && !state().trace.blockPending, 'the block');
    expect(state().trace.block?.layer).toBe(0);
    actions.selectLayer(1);
    actions.selectPosition(0);
    await until(() => state().trace.block?.layer === 1 && !state().trace.blockPending, 'layer 1');
    expect(state().trace.tokenAttention?.position).toBe(0);
    actions.selectLayer(9);
    expect(state().selection.layer).toBe(1);
    actions.selectStage('tokens');
  });

  it('fetches a clicked token’s attention off the blocks stage, without the block, and again after a new trace', async () => {
    const { actions } = state();
    const blocks = () => wire.sent.filter((r) => r.method === 'block').length;
    const before = blocks();
    expect(state().selection.stage).toBe('tokens');
    actions.inspectToken(0);
    expect(state().selection).toMatchObject({ inspect: true, position: 0 });
    await until(() => state().trace.tokenAttention?.position === 0, 'the token attention');
    const { n_layer, n_head } = state().model.config!;
    expect(state().trace.tokenAttention!.from).toHaveLength(n_layer);
    expect(state().trace.tokenAttention!.from[0]).toHaveLength(n_head);
    actions.setPrompt('A new prompt to inspect');
    await until(
      () =>
        state().trace.summary?.tokenIds.length === encodeToIds('A new prompt to inspect').length &&
        state().trace.tokenAttention !== null,
      'the new trace’s token attention',
    );
    expect(blocks()).toBe(before);
    actions.closeInspector();
    expect(state().selection.inspect).toBe(false);
  });

  it('asks for the predictions only on the final stage, once per trace', async () => {
    const predictionRequests = () => wire.sent.filter((r) => r.method === 'predictions').length;
    const { actions } = state();
    const before = predictionRequests();
    expect(state().trace.summary!.predictions).toEqual([]);
    actions.selectStage('final');
    await until(() => state().trace.summary!.predictions.length > 0, 'the predictions');
    expect(state().trace.summary!.predictions).toHaveLength(state().trace.summary!.tokenIds.length);
    actions.selectPosition(0);
    actions.selectStage('final');
    expect(predictionRequests()).toBe(before + 1);
    actions.selectStage('tokens');
    actions.setPrompt('Not on the final stage');
    await until(
      () => state().trace.summary?.tokenIds.join() === encodeToIds('Not on the final stage').join(),
      'a trace off the final stage',
    );
    expect(state().trace.summary!.predictions).toEqual([]);
    expect(predictionRequests()).toBe(before + 1);
  });

  it('answers a follow-up a panel asks for (the logit lens) once per trace, and forgets it on a new prompt', async () => {
    const lensRequests = () => wire.sent.filter((r) => r.method === 'logitLens').length;
    const lens = () => selectRequested(state(), 'logitLens', []);
    const before = lensRequests();
    expect(lens().status).toBe('loading');
    void state().actions.request('logitLens');
    await until(() => lens().status === 'done', 'the lens');
    const T = state().trace.summary!.tokenIds.length;
    const answer = lens();
    if (answer.status !== 'done') throw new Error('no lens');
    expect(answer.value.lens).toHaveLength(state().model.config!.n_layer + 1);
    expect(answer.value.lens[0]).toHaveLength(T);
    void state().actions.request('logitLens');
    expect(lensRequests()).toBe(before + 1);
    state().actions.setPrompt('A different prompt for the lens');
    await until(() => state().trace.summary?.tokenIds.length !== T, 'the new trace');
    expect(lens().status).toBe('loading');
    expect(state().requests.entries).toEqual({});
    expect(lensRequests()).toBe(before + 1);
  });

  it('keeps a selected position that still exists and follows the last token only when it was there', async () => {
    const { actions } = state();
    actions.setPrompt('one two three four');
    await until(() => state().trace.tokens.length === 4, 'four tokens');
    actions.selectPosition(1);
    actions.setPrompt('one two three four five');
    await until(() => state().trace.tokens.length === 5, 'five tokens');
    expect(state().selection.position).toBe(1);
    actions.selectPosition(4);
    actions.setPrompt('one two three four five six');
    await until(() => state().trace.tokens.length === 6, 'six tokens');
    expect(state().selection.position).toBe(5);
  });

  it('generates with the seed, streaming steps, the same text twice', async () => {
    const { actions } = state();
    actions.setGenerateCount(5);
    const run = async () => {
      await actions.generate();
      return state().generation.steps.map((s) => s.tokenId);
    };
    const first = await run();
    expect(first).toHaveLength(5);
    expect(state().generation).toMatchObject({ running: false, reason: 'done', seed: 11, error: null });
    expect(await run()).toEqual(first);
    // The first generated token is the one the softmax stage shows as sampled.
    expect(first[0]).toBe(selectSampledToken(state()));
  });

  it('reports an unknown model as a one-line error', async () => {
    const other = createAppStore({ client: inProcessWire().client });
    await other.getState().actions.loadModel('no-such-model');
    expect(other.getState().model).toMatchObject({ phase: 'error', error: 'unknown model "no-such-model"' });
  });

  it('steps through the stages it was given, clamped at both ends', () => {
    const other = createAppStore({ client: wire.client, stages: ['tokens', 'embed', 'softmax'] });
    const { actions } = other.getState();
    actions.previousStage();
    expect(other.getState().selection.stage).toBe('tokens');
    actions.nextStage();
    actions.nextStage();
    actions.nextStage();
    expect(other.getState().selection.stage).toBe('softmax');
    actions.selectStage('blocks');
    expect(other.getState().selection.stage).toBe('softmax');
  });
});

/** The real client, except that its worker "dies" under the next `crashes` traces. */
function crashingTraces(client: ModelClient, crashes: number): ModelClient & { traces: number } {
  // On top of the real client (its methods are looked up by name, so they are not spread).
  const wrapped = Object.assign(Object.create(client) as ModelClient, {
    traces: 0,
    async trace(ids: number[]) {
      wrapped.traces++;
      if (crashes-- > 0)
        throw new RequestError(
          'crashed',
          'the model worker stopped (the WebGL context was lost); the next request restarts it',
          'the WebGL context was lost',
        );
      return client.trace(ids);
    },
  });
  return wrapped;
}

describe('a trace whose worker dies', () => {
  it('is run again once on the fresh worker, and the store says it recovered', async () => {
    const client = crashingTraces(inProcessWire().client, 1);
    const store = createAppStore({ client, inputs: { prompt: 'Lost and found' } });
    await store.getState().actions.loadModel('tiny-random');
    const { trace } = store.getState();
    expect(client.traces).toBe(2);
    expect(trace).toMatchObject({ error: null, pending: false, recoveredFrom: 'the WebGL context was lost' });
    expect(trace.summary?.tokenIds).toEqual(encodeToIds('Lost and found'));

    // The next ordinary trace drops the notice.
    store.getState().actions.setPrompt('Found');
    await until(
      () => store.getState().trace.summary?.tokenIds.join() === encodeToIds('Found').join(),
      'the next trace',
    );
    expect(store.getState().trace.recoveredFrom).toBeNull();
  });

  it('shows the error when the second attempt dies too, and Retry traces again', async () => {
    const client = crashingTraces(inProcessWire().client, 2);
    const store = createAppStore({ client, inputs: { prompt: 'Lost twice' } });
    await store.getState().actions.loadModel('tiny-random');
    expect(client.traces).toBe(2);
    expect(store.getState().trace).toMatchObject({
      pending: false,
      summary: null,
      recoveredFrom: null,
      error: 'the model worker stopped (the WebGL context was lost); the next request restarts it',
    });
    await store.getState().actions.runTrace();
    expect(client.traces).toBe(3);
    expect(store.getState().trace).toMatchObject({ error: null, recoveredFrom: null });
    expect(store.getState().trace.summary?.tokenIds).toEqual(encodeToIds('Lost twice'));
  });
});
