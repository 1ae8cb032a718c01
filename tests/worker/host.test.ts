import { beforeAll, describe, expect, it } from 'vitest';
import { encodeToIds } from '../../src/tokenizer';
import { RequestError, isSuperseded } from '../../src/worker/client';
import type { Response } from '../../src/worker/rpc';
import type { GPT2Config } from '../../src/model/config';
import type { SweepOptions } from '../../src/model/interventions/patching-sweep';
import type { GPT2Runtime, TraceSummary } from '../../src/model/types';
import type { ModelLoader } from '../../src/worker/host';
import { inProcessWire, TINY, type Wire } from './in-process';

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe('worker host', () => {
  let wire: Wire;
  beforeAll(async () => {
    wire = inProcessWire();
    const progress: number[] = [];
    const loaded = await wire.client.load(TINY, undefined, (p) => progress.push(p.loaded));
    expect(loaded.config.n_layer).toBe(2);
    expect(loaded.backend).toBe('wasm');
    // Progress ends at the total, and never goes backwards.
    expect(progress.at(-1)).toBe(loaded.totalBytes);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('answers a trace with the summary of those ids', async () => {
    const ids = encodeToIds('Hello there');
    const { summary, traceId } = await wire.client.trace(ids);
    expect(summary.tokenIds).toEqual(ids);
    expect(summary.lastLogits.length).toBe(50257);
    const { block } = await wire.client.block(traceId, 1);
    expect(block.layer).toBe(1);
    const attention = await wire.client.tokenAttention(traceId, 0);
    expect(attention.from).toHaveLength(2);
  });

  it('refuses follow-ups for a trace that a newer one replaced ("stale")', async () => {
    const old = await wire.client.trace(encodeToIds('one'));
    await wire.client.trace(encodeToIds('two'));
    const error = await wire.client.block(old.traceId, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('stale');
    expect(isSuperseded(error)).toBe(true);
  });

  it('drops queued trace work when a new trace arrives ("cancelled")', async () => {
    // Four requests in one tick: the first trace starts, the two follow-ups wait behind it,
    // and the second trace arrives before they run, so they are dropped unrun.
    const ids = encodeToIds('a b c');
    wire.raw(
      { id: 9001, method: 'trace', args: [ids] },
      { id: 9002, method: 'block', args: [9001, 0] },
      { id: 9003, method: 'logitsAt', args: [9001, 0] },
      { id: 9004, method: 'trace', args: [encodeToIds('final words')] },
    );
    const reply = (id: number) => wire.received.find((r) => r.id === id);
    while (!reply(9004)) await settle(20);
    expect(reply(9001)?.type).toBe('result');
    expect(reply(9002)).toMatchObject({ type: 'error', code: 'cancelled' });
    expect(reply(9003)).toMatchObject({ type: 'error', code: 'cancelled' });
    expect(reply(9004)?.type).toBe('result');
  });

  it('answers bad requests with one-line messages, never stack traces', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => new RequestError('failed', 'no error'),
        (e: RequestError) => e,
      );
    const errors = await Promise.all([failure(wire.client.trace([])), failure(wire.client.trace([50257]))]);
    for (const e of errors) {
      expect(e.code).toBe('bad-request');
      expect(e.message).not.toContain('\n');
    }
    expect(errors[1].message).toContain('50257');
    const { traceId } = await wire.client.trace(encodeToIds('hi'));
    const layer = await failure(wire.client.block(traceId, 7));
    expect(layer.code).toBe('bad-request');
    expect(layer.message).toBe('layer 7 is out of range 0..1');
  });

  it('generates the same tokens for the same seed, one step message per token', async () => {
    const ids = encodeToIds('Once upon a time');
    const run = async (seed: number) => {
      const steps: number[] = [];
      const end = await wire.client.generate(ids, 6, { temperature: 1, topK: 0, topP: 1 }, seed, (s) =>
        steps.push(s.tokenId),
      );
      expect(end).toEqual({ reason: 'done', steps: 6 });
      return steps;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(a).toHaveLength(6);
  });

  it('greedy generation (T = 0) follows the argmax of the logits', async () => {
    const ids = encodeToIds('The');
    const first: number[] = [];
    await wire.client.generate(ids, 1, { temperature: 0, topK: 0, topP: 1 }, 1, (s) => first.push(s.tokenId));
    const { summary } = await wire.client.trace(ids);
    let best = 0;
    for (let i = 1; i < summary.lastLogits.length; i++) if (summary.lastLogits[i] > summary.lastLogits[best]) best = i;
    expect(first).toEqual([best]);
  });

  it('stops a generation after its current step', async () => {
    const steps: number[] = [];
    const args = [encodeToIds('Stop me'), 100, { temperature: 1, topK: 0, topP: 1 }, 3] as const;
    const run = wire.client.call('generate', [...args], (s) => {
      steps.push(s.index);
      if (s.index === 1) wire.client.cancel(run.id);
    });
    const end = await run.result;
    expect(end.reason).toBe('stopped');
    expect(end.steps).toBeLessThan(100);
    expect(steps).toEqual([...Array(end.steps).keys()]);
  });

  it('says when no model is loaded', async () => {
    const fresh = inProcessWire();
    await expect(fresh.client.trace([1])).rejects.toMatchObject({ code: 'no-model', message: 'no model is loaded' });
    await settle();
    expect(fresh.received.map((r: Response) => r.type)).toEqual(['error']);
  });
});

/**
 * A runtime whose patching sweep is many short batches (each a macrotask, as the real one
 * yields between batches): long enough that only a cancel ends it before a trace behind it.
 */
function slowSweepLoader(batches: number): ModelLoader {
  const config = { n_layer: 1, n_head: 1, n_embd: 1, n_positions: 8, vocab_size: 50257 } as GPT2Config;
  const runtime = {
    config,
    backend: 'cpu',
    trace: async (ids: number[]) => ({ tokenIds: ids }) as unknown as TraceSummary,
    async patchingSweep(_request: unknown, options?: SweepOptions) {
      for (let done = 1; done <= batches; done++) {
        if (options?.signal?.aborted) throw Object.assign(new Error('the sweep was cancelled'), { name: 'AbortError' });
        options?.onProgress?.(done, batches);
        await new Promise((r) => setTimeout(r, 0));
      }
      return { values: [[0]], cleanDiff: 1, corruptedDiff: 0 };
    },
    dispose: () => undefined,
  } as unknown as GPT2Runtime;
  return async () => ({ runtime, totalBytes: 0 });
}

describe('worker host: a new trace ends a patching sweep', () => {
  const sweep = { clean: [1, 2], corrupted: [1, 3], answer: 1, against: 2, hook: 'hook_resid_pre' as const };

  it('cancels a running sweep when a trace arrives, and answers the trace', async () => {
    const wire = inProcessWire(slowSweepLoader(2_000));
    await wire.client.load(TINY);
    let progress = 0;
    const run = wire.client.call('patchingSweep', [sweep], () => progress++);
    while (progress === 0) await settle(5);
    // The store is not asked: the worker itself stops the sweep for the newer trace.
    const trace = wire.client.trace([5, 6]);
    await expect(run.result).rejects.toMatchObject({ code: 'cancelled' });
    await expect(trace).resolves.toMatchObject({ summary: { tokenIds: [5, 6] } });
  });

  it('drops a sweep still waiting in the queue when a trace arrives', async () => {
    const wire = inProcessWire(slowSweepLoader(3));
    await wire.client.load(TINY);
    wire.raw(
      { id: 9101, method: 'trace', args: [[1]] },
      { id: 9102, method: 'patchingSweep', args: [sweep] },
      { id: 9103, method: 'trace', args: [[2]] },
    );
    const reply = (id: number) => wire.received.find((r) => r.id === id && r.type !== 'event');
    while (!reply(9103)) await settle(5);
    expect(reply(9102)).toMatchObject({ type: 'error', code: 'cancelled' });
    expect(reply(9103)?.type).toBe('result');
  });
});
