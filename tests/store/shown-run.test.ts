/**
 * The edited run shown in every stage: the main trace itself is made with the edits (so every
 * follow-up shows them), the badge is read back from the trace's own edits, the ablation view
 * keeps both runs side by side without running the model twice, and one click restores the
 * original. The store runs against the real model (tiny-random) behind the worker protocol.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store';
import {
  ablationEdits,
  editReach,
  editsTargets,
  headsStillLooking,
  selectShownEdits,
  traceEdits,
} from '../../src/store/shown-run';
import { parseEditSpec } from '../../src/model/interventions/edits';
import type { AblationTarget } from '../../src/store/experiment-targets';
import { inProcessWire, type Wire } from '../worker/in-process';

const until = async (check: () => boolean, what: string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const L1H0: AblationTarget = { part: 'head', layer: 1, head: 0 };
const TARGETS: AblationTarget[] = [L1H0, { part: 'mlp', layer: 0 }, { part: 'neuron', layer: 1, neuron: 7 }];
const CONFIG = { n_layer: 2, n_head: 2, n_embd: 8 };

describe('which run the stages show (pure parts)', () => {
  it('asks for edits only when the edited run is to be shown and every part exists', () => {
    const x = { shown: 'edited' as const, ablations: [L1H0], ablation: 'zero' as const };
    expect(traceEdits(x, CONFIG)).toEqual([{ spec: 'blocks.1.attn.hook_z:head=0', kind: 'zero' }]);
    expect(traceEdits({ ...x, shown: 'original' }, CONFIG)).toBeUndefined();
    expect(traceEdits({ ...x, ablations: [] }, CONFIG)).toBeUndefined();
    expect(traceEdits({ ...x, ablations: [{ part: 'head', layer: 5, head: 0 }] }, CONFIG)).toBeUndefined();
    expect(traceEdits(x, null)).toBeUndefined();
  });

  it('reads the ablations back from the edits a trace was made with', () => {
    const applied = { edits: ablationEdits(TARGETS, 'mean').map((e) => parseEditSpec(e.spec, e.kind)) };
    expect(editsTargets(applied)).toEqual({ targets: TARGETS, kind: 'mean', firstLayer: 0 });
    expect(editsTargets(undefined)).toBeNull();
    expect(editsTargets({ edits: [] })).toBeNull();
    // A patch is not an ablation the badge could name.
    expect(
      editsTargets({ edits: [parseEditSpec('blocks.1.hook_resid_pre:pos=2', 'patch')], patchFrom: [1] }),
    ).toBeNull();
  });

  it('says which stages come before the first edited block', () => {
    expect(['tokens', 'embed', 'position'].map((s) => editReach(s as 'tokens', 0, 1))).toEqual([
      'upstream',
      'upstream',
      'upstream',
    ]);
    expect(editReach('blocks', 0, 1)).toBe('upstream');
    expect(editReach('blocks', 1, 1)).toBe('edited');
    expect(editReach('final', 0, 1)).toBe('edited');
    expect(editReach('softmax', 0, 1)).toBe('edited');
    expect(editReach('generate', 0, 1)).toBe('generation');
  });

  it('names the heads switched off in the block shown, whose patterns stay the original’s', () => {
    const edits = { targets: TARGETS, kind: 'zero' as const, firstLayer: 0 };
    expect(headsStillLooking('blocks', 1, edits)).toEqual([L1H0]);
    expect(headsStillLooking('blocks', 0, edits)).toEqual([]);
    expect(headsStillLooking('final', 1, edits)).toEqual([]);
  });
});

describe('the edited run in the main trace (tiny-random)', () => {
  let wire: Wire;
  let store: AppStore;
  const state = () => store.getState();
  const traceRequests = () => wire.sent.filter((r) => r.method === 'trace');
  const edited = () => state().experiments.edited.result;
  const settled = () =>
    !state().trace.pending && !state().experiments.edited.pending && edited()?.traceId === state().trace.traceId;

  beforeAll(async () => {
    wire = inProcessWire();
    store = createAppStore({ client: wire.client, debounceMs: 30, inputs: { prompt: 'The cat sat on the mat' } });
    await state().actions.loadModel('tiny-random');
  });

  it('shows the original until asked, then traces the prompt with the edits', async () => {
    const original = state().trace.summary!;
    state().actions.toggleAblation(L1H0);
    await until(settled, 'the edited run beside the original');
    expect(state().trace.summary).toBe(original);
    expect(selectShownEdits(state())).toBeNull();
    const editedLogits = edited()!.summary.lastLogits;

    const before = traceRequests().length;
    const runs = wire.sent.filter((r) => r.method === 'runEdited').length;
    state().actions.showRun('edited');
    await until(() => state().trace.summary?.edits !== undefined && settled(), 'the edited trace');
    expect(traceRequests().at(-1)?.args[1]).toEqual([{ spec: 'blocks.1.attn.hook_z:head=0', kind: 'zero' }]);
    expect(traceRequests().length).toBe(before + 1);
    expect(state().trace.summary!.lastLogits).toEqual(editedLogits);
    expect(selectShownEdits(state())).toEqual({ targets: [L1H0], kind: 'zero', firstLayer: 1 });
    // The ablation view's original is the one it had: no run of the model besides the trace.
    expect(wire.sent.filter((r) => r.method === 'runEdited').length).toBe(runs);
    expect(edited()!.original.lastLogits).toEqual(original.lastLogits);
    expect(edited()!.summary).toBe(state().trace.summary);
  });

  it('follow-ups of the edited trace show the edited run', async () => {
    state().actions.selectStage('blocks');
    state().actions.selectLayer(1);
    await until(() => state().trace.block?.layer === 1 && !state().trace.blockPending, 'block 1');
    const { block } = state().trace;
    // Head 0 of layer 1 is switched off: its z is zero at every position.
    const T = state().trace.tokens.length;
    const [, , dHead] = block!.z.dims;
    expect(Array.from(block!.z.data.subarray(0, T * dHead)).every((v) => v === 0)).toBe(true);
    expect(Array.from(block!.z.data.subarray(T * dHead)).some((v) => v !== 0)).toBe(true);
  });

  it('re-traces with every change of the parts while the edited run is shown', async () => {
    state().actions.setAblationKind('mean');
    await until(() => selectShownEdits(state())?.kind === 'mean' && settled(), 'the mean-ablated trace');
    state().actions.toggleAblation({ part: 'mlp', layer: 0 });
    await until(() => selectShownEdits(state())?.targets.length === 2 && settled(), 'two parts off');
    expect(selectShownEdits(state())?.firstLayer).toBe(0);
    // Still the original from before: the prompt did not change.
    expect(edited()!.original.edits).toBeUndefined();
  });

  it('one click restores the original: no edits, and the original run in every stage', async () => {
    state().actions.clearAblations();
    await until(() => !state().trace.pending && state().trace.summary?.edits === undefined, 'the original trace');
    expect(state().experiments).toMatchObject({ ablations: [], shown: 'original' });
    expect(state().experiments.edited.result).toBeNull();
    expect(traceRequests().at(-1)?.args[1]).toBeUndefined();
  });

  it('switching the last part off goes back to the original run too', async () => {
    state().actions.toggleAblation(L1H0);
    state().actions.showRun('edited');
    await until(() => selectShownEdits(state()) !== null && settled(), 'the edited trace');
    state().actions.toggleAblation(L1H0);
    await until(() => !state().trace.pending && state().trace.summary?.edits === undefined, 'the original trace');
    expect(state().experiments.shown).toBe('original');
  });
});
