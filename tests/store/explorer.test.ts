import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/model/types';
import { createExploreAction, EMPTY_EXPLORER } from '../../src/store/explorer';
import type { AppState } from '../../src/store/state';
import type { ModelClient } from '../../src/worker/client';

/** W_E of four tokens in two dimensions; the client answers from it, with a gate to hold replies. */
const W = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0],
];

function setup() {
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const client = {
    async embeddingRows(ids: number[]): Promise<Matrix> {
      await gate;
      return { rows: ids.length, cols: 2, data: Float32Array.from(ids.flatMap((i) => W[i])) };
    },
    async nearest() {
      return [{ id: 2, cosine: 0.5 }];
    },
  } as unknown as ModelClient;
  let state = { model: { phase: 'ready', modelId: 'm' }, explorer: EMPTY_EXPLORER } as unknown as AppState;
  const explore = createExploreAction(
    client,
    () => state,
    (fn) => (state = { ...state, ...fn(state) }),
  );
  return {
    explore,
    explorer: () => state.explorer,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

describe('exploreEmbeddings', () => {
  it('fetches the rows of the terms, the compared tokens and the expected answer, once each', async () => {
    const s = setup();
    await s.explore(
      [
        { id: 0, sign: 1 },
        { id: 1, sign: -1 },
      ],
      [1, 2],
      3,
    );
    expect(s.explorer()).toMatchObject({
      terms: [{ id: 0 }, { id: 1 }],
      compare: [1, 2],
      expected: 3,
      rowIds: [0, 1, 2, 3],
      pending: false,
    });
    expect(Array.from(s.explorer().rows!.data)).toEqual([1, 0, 0, 1, 1, 1, -1, 0]);
  });

  it('keeps the previous query beside its rows until the new rows arrive', async () => {
    const s = setup();
    await s.explore([{ id: 0, sign: 1 }], [0]);
    expect(s.explorer().expected).toBeNull();
    s.hold();
    const next = s.explore([{ id: 3, sign: 1 }], [3], 1);
    await Promise.resolve();
    // Pending: terms still name rows that are in `rows`.
    expect(s.explorer()).toMatchObject({ pending: true, terms: [{ id: 0 }], rowIds: [0] });
    s.release();
    await next;
    expect(s.explorer()).toMatchObject({ pending: false, terms: [{ id: 3 }], rowIds: [3, 1], expected: 1 });
  });
});
