import { beforeAll, describe, expect, it } from 'vitest';
import { encodeToIds } from '../../src/tokenizer';
import { RequestError, isSuperseded } from '../../src/worker/client';
import type { Response } from '../../src/worker/rpc';
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
