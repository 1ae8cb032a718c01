/** The generic follow-up layer (src/store/requests.ts) against a client whose answers the test releases. */
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createRequestAction, EMPTY_REQUESTS, selectRequested } from '../../src/store/requests';
import type { AppState } from '../../src/store/state';
import { RequestError, type ModelClient } from '../../src/worker/client';

interface Asked {
  method: string;
  args: unknown[];
  answer(value: unknown): void;
  fail(e: unknown): void;
}

function setup() {
  const asked: Asked[] = [];
  const client = {
    call(method: string, args: unknown[]) {
      let answer!: (v: unknown) => void;
      let fail!: (e: unknown) => void;
      const result = new Promise((resolve, reject) => ((answer = resolve), (fail = reject)));
      asked.push({ method, args, answer, fail });
      return { id: asked.length, result };
    },
  } as unknown as ModelClient;
  const store = createStore<AppState>()(() => ({ trace: { traceId: 1 }, requests: EMPTY_REQUESTS }) as AppState);
  const request = createRequestAction(client, store.getState, store.setState);
  const newTrace = (traceId: number) =>
    store.setState((s) => ({ trace: { ...s.trace, traceId }, requests: EMPTY_REQUESTS }));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { asked, store, request, newTrace, settle, state: store.getState };
}

describe('follow-up requests', () => {
  it('passes the trace id first, keeps the answer and asks once per method and arguments', async () => {
    const { asked, request, settle, state } = setup();
    void request('logitsAt', 2);
    void request('logitsAt', 2);
    expect(asked.map((a) => [a.method, a.args])).toEqual([['logitsAt', [1, 2]]]);
    expect(selectRequested(state(), 'logitsAt', [2])).toEqual({ status: 'loading' });
    const logits = new Float32Array([1, 2]);
    asked[0].answer(logits);
    await settle();
    expect(selectRequested(state(), 'logitsAt', [2])).toEqual({ status: 'done', value: logits });
    void request('logitsAt', 2);
    void request('logitsAt', 3);
    void request('logitLens');
    expect(asked.map((a) => [a.method, a.args])).toEqual([
      ['logitsAt', [1, 2]],
      ['logitsAt', [1, 3]],
      ['logitLens', [1]],
    ]);
    expect(selectRequested(state(), 'logitsAt', [3])).toEqual({ status: 'loading' });
  });

  it('drops an answer for a trace that a newer one replaced, and asks again for the new trace', async () => {
    const { asked, request, newTrace, settle, state } = setup();
    void request('logitLens');
    newTrace(2);
    asked[0].answer({ lens: [], ms: 1 });
    await settle();
    expect(state().requests.entries).toEqual({});
    expect(selectRequested(state(), 'logitLens', [])).toEqual({ status: 'loading' });
    void request('logitLens');
    expect(asked[1].args).toEqual([2]);
  });

  it('reads nothing before the first trace', () => {
    const { asked, request, newTrace, state } = setup();
    newTrace(null as unknown as number);
    void request('logitLens');
    expect(asked).toEqual([]);
    expect(selectRequested(state(), 'logitLens', [])).toEqual({ status: 'idle' });
  });

  it('keeps the first line of an error, never a stack trace', async () => {
    const { asked, request, settle, state } = setup();
    void request('logitLens');
    const e = new Error('the readout failed\n    at readoutRows (readout.ts:12:3)');
    asked[0].fail(e);
    await settle();
    expect(selectRequested(state(), 'logitLens', [])).toEqual({ status: 'error', error: 'the readout failed' });
    void request('logitLens');
    expect(asked).toHaveLength(1);
  });

  it('forgets a superseded request, so a later visit asks again', async () => {
    const { asked, request, settle, state } = setup();
    void request('logitLens');
    asked[0].fail(new RequestError('stale', 'the prompt changed; this request is out of date'));
    await settle();
    expect(state().requests.entries).toEqual({});
    void request('logitLens');
    expect(asked).toHaveLength(2);
  });
});
