/**
 * The experiments' worker requests through the real client and host, on tiny-random (wasm):
 * edited runs, a second prompt beside the trace, attribution, head scores, the induction
 * probe, and patching sweeps with progress, cancellation and a cell that equals its single
 * patch. Then 100 experiments in a row must leave TF.js's tensors and bytes at the baseline.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeToIds } from '../../src/tokenizer';
import { ablationEdits } from '../../src/store/experiment-actions';
import { INDIRECT_OBJECT_EXAMPLE as IOI } from '../../src/store/experiment-examples';
import { patchSpec, type PatchHook } from '../../src/store/experiment-targets';
import { RequestError } from '../../src/worker/client';
import type { SweepRequest } from '../../src/worker/experiments';
import type { TraceSummary } from '../../src/model/types';
import { inProcessWire, loadFromDisk, TINY, type Wire } from './in-process';

const [MARY] = encodeToIds(IOI.answer);
const [JOHN] = encodeToIds(IOI.against);
const sweepOf = (hook: PatchHook): SweepRequest => ({
  clean: encodeToIds(IOI.clean),
  corrupted: encodeToIds(IOI.corrupted),
  answer: MARY,
  against: JOHN,
  hook,
});
const diff = (logits: Float32Array) => logits[MARY] - logits[JOHN];

describe('experiments in the worker', () => {
  let wire: Wire;
  beforeAll(async () => {
    wire = inProcessWire();
    await wire.client.load(TINY);
  });

  it('runs an edited prompt beside the trace, which stays the one follow-ups name', async () => {
    const ids = encodeToIds('The cat sat on the mat');
    const { traceId, summary } = await wire.client.trace(ids);
    const edits = ablationEdits(
      [
        { part: 'head', layer: 1, head: 0 },
        { part: 'mlp', layer: 0 },
      ],
      'zero',
    );
    const edited = await wire.client.runEdited(ids, edits);
    expect(edited.summary.tokenIds).toEqual(ids);
    expect(edited.summary.edits?.edits).toHaveLength(2);
    // Block 0's input is untouched; its MLP's output is gone from then on.
    expect(edited.summary.resid[0].data).toEqual(summary.resid[0].data);
    expect(edited.summary.resid[1].data).not.toEqual(summary.resid[1].data);
    expect(edited.summary.lastLogits).not.toEqual(summary.lastLogits);
    await expect(wire.client.block(traceId, 0)).resolves.toBeTruthy();
  });

  it('starts an edited run of the traced prompt from its trace, and of another prompt from nothing', async () => {
    const seen: (TraceSummary | undefined)[] = [];
    const watched = inProcessWire(async (model, backends, onProgress) => {
      const loaded = await loadFromDisk(model, backends, onProgress);
      const run = loaded.runtime.run.bind(loaded.runtime);
      loaded.runtime.run = (ids, edits, options) => (seen.push(options?.clean), run(ids, edits, options));
      return loaded;
    });
    await watched.client.load(TINY);
    const ids = encodeToIds('The cat sat on the mat');
    const { summary } = await watched.client.trace(ids);
    const edits = ablationEdits([{ part: 'head', layer: 1, head: 0 }], 'zero');
    const fromHeld = await watched.client.runEdited(ids, edits);
    const other = await watched.client.runEdited(encodeToIds('The dog sat on the mat'), edits);
    expect(seen[0]?.tokenIds).toEqual(ids);
    expect(seen[1]).toBeUndefined();
    expect(fromHeld.summary.resid[1].data).toEqual(summary.resid[1].data);
    expect(other.summary.tokenIds).toEqual(encodeToIds('The dog sat on the mat'));
    // The same numbers as a run from the embeddings (the other wire's trace is of another prompt).
    await wire.client.trace(encodeToIds('A different prompt'));
    const whole = await wire.client.runEdited(ids, edits);
    expect(fromHeld.summary.lastLogits).toEqual(whole.summary.lastLogits);
  });

  it('says in one line what is wrong with an edit', async () => {
    const ids = encodeToIds('The cat');
    const error = await wire.client
      .runEdited(ids, [{ spec: 'blocks.7.attn.hook_z:head=0', kind: 'zero' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toMatch(/layer 7 is out of range 0\.\.1/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('traces a second prompt without replacing the trace', async () => {
    const main = await wire.client.trace(encodeToIds('students celebrate with a big party'));
    const aside = await wire.client.traceAside(encodeToIds('the party'), 1);
    expect(aside.attention.position).toBe(1);
    expect(aside.summary.tokenIds).toEqual(encodeToIds('the party'));
    await expect(wire.client.tokenAttention(main.traceId, 0)).resolves.toBeTruthy();
  });

  it('attributes a logit whose parts sum to it, and scores every head', async () => {
    const { traceId, summary } = await wire.client.trace(encodeToIds(IOI.clean));
    const a = await wire.client.attribute(traceId, MARY, JOHN);
    const sum = Object.values(a.components).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - a.logit)).toBeLessThan(2e-3);
    expect(Math.abs(a.logit - diff(summary.lastLogits))).toBeLessThan(2e-3);
    expect(Object.keys(a.components)).toContain('L1H1');
    const scores = await wire.client.headScores(traceId);
    for (const grid of [scores.previous, scores.duplicate, scores.induction]) expect(grid).toHaveLength(2);
    const probe = await wire.client.inductionProbe(20, 1);
    expect(probe.scores).toHaveLength(2);
    expect(probe.loss.every(Number.isFinite)).toBe(true);
  });

  it('sweeps with progress, and a cell equals its single patch run alone', async () => {
    const seen: number[] = [];
    const run = wire.client.call('patchingSweep', [sweepOf('hook_resid_pre')], ({ done }) => seen.push(done));
    const sweep = await run.result;
    const T = sweep.cleanIds.length;
    expect([sweep.layers, sweep.cols]).toEqual([2, T]);
    expect(seen.at(-1)).toBe(2 * T);
    const cell = { hook: 'hook_resid_pre' as const, layer: 1, index: T - 1 };
    const patched = await wire.client.runEdited(
      sweep.corruptedIds,
      [{ spec: patchSpec(cell), kind: 'patch' }],
      sweep.cleanIds,
    );
    const recovered = (diff(patched.summary.lastLogits) - sweep.corrupted) / (sweep.clean - sweep.corrupted);
    expect(Math.abs(recovered - sweep.values[cell.layer * T + cell.index])).toBeLessThan(2e-3);
    // The prompts differ at one position only: patching its stream entering block 0 makes the runs equal.
    const differ = sweep.cleanIds.findIndex((id, p) => id !== sweep.corruptedIds[p]);
    expect(sweep.values[differ]).toBeCloseTo(1, 4);
  });

  it('stops a sweep asked to stop, and one that a new prompt supersedes', async () => {
    const first = wire.client.call('patchingSweep', [sweepOf('hook_attn_out')]);
    wire.client.cancel(first.id);
    const stopped = await first.result.catch((e: unknown) => e);
    expect((stopped as RequestError).code).toBe('cancelled');
    const second = wire.client.call('patchingSweep', [sweepOf('hook_mlp_out')]);
    void wire.client.trace(encodeToIds('a new prompt'));
    const superseded = await second.result.then(
      () => 'finished',
      (e: RequestError) => e.code,
    );
    // It either finished before the trace came or stopped for it; it never fails otherwise.
    expect(['finished', 'cancelled']).toContain(superseded);
  });

  it('100 experiments in a row leave the tensors and bytes at the baseline', async () => {
    const ids = encodeToIds(IOI.clean);
    const { traceId } = await wire.client.trace(ids);
    const baseline = tf.memory();
    const hooks: PatchHook[] = ['hook_resid_pre', 'hook_attn_out', 'hook_mlp_out', 'attn.hook_z'];
    for (let i = 0; i < 100; i++) {
      const kind = i % 5;
      if (kind === 0)
        await wire.client.runEdited(ids, ablationEdits([{ part: 'head', layer: i % 2, head: 1 }], 'mean'));
      else if (kind === 1)
        await wire.client.runEdited(
          encodeToIds(IOI.corrupted),
          [{ spec: 'blocks.1.hook_mlp_out:pos=3', kind: 'patch' }],
          ids,
        );
      else if (kind === 2) await wire.client.patchingSweep(sweepOf(hooks[((i / 5) % 4) | 0]), () => undefined);
      else if (kind === 3) await wire.client.attribute(traceId, MARY, i % 2 ? JOHN : null);
      else {
        // A sweep cancelled as soon as it starts.
        const run = wire.client.call('patchingSweep', [sweepOf('attn.hook_z')]);
        wire.client.cancel(run.id);
        await run.result.catch(() => undefined);
      }
    }
    const after = tf.memory();
    console.log(
      `100 experiments: ${baseline.numTensors} -> ${after.numTensors} tensors, ${baseline.numBytes} -> ${after.numBytes} bytes`,
    );
    expect(after.numTensors).toBe(baseline.numTensors);
    expect(after.numBytes).toBe(baseline.numBytes);
  }, 600_000);
});
