/** The Q/K breakdown and MLP neuron helpers on a real block trace of the tiny fixture (cpu). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neuronAcross, qkBreakdown, topNeurons } from '../../src/analysis/neurons';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { createRuntime } from '../../src/model/runtime';
import type { BlockTrace, GPT2Runtime } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';

const IDS = [464, 2068, 7586, 21831, 18045, 625];
let runtime: GPT2Runtime;
let block: BlockTrace;

beforeAll(async () => {
  await selectBackend(['cpu']);
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  runtime = await createRuntime(config, tensors);
  block = await runtime.block(await runtime.trace(IDS), 1);
});
afterAll(() => runtime?.dispose());

describe('qkBreakdown', () => {
  it("adds the products up to the trace's q . k, scales by sqrt(d_head), and reads the softmax weight", () => {
    const dHead = block.q.dims[2];
    for (const [head, query, key] of [
      [0, 5, 2],
      [1, 3, 3],
      [1, 4, 0],
    ]) {
      const b = qkBreakdown(block, head, query, key);
      expect(b.products).toHaveLength(dHead);
      expect(b.sum).toBeCloseTo(b.traced, 3);
      expect(b.scaled).toBeCloseTo(b.traced / Math.sqrt(dHead), 4);
      expect(b.weight).toBeGreaterThan(0);
      expect(b.products[7]).toBeCloseTo(b.q[7] * b.k[7], 6);
    }
  });

  it('shows the causal mask for a key after the query', () => {
    const b = qkBreakdown(block, 0, 1, 4);
    expect(b.scaled).toBe(-Infinity);
    expect(b.weight).toBe(0);
  });
});

describe('MLP neurons', () => {
  it('lists the most active neurons at a position, highest first, with their pre-GELU values', () => {
    const top = topNeurons(block.mlpPost, block.mlpPre, 2, 5);
    expect(top).toHaveLength(5);
    for (let i = 1; i < top.length; i++) expect(top[i - 1].post).toBeGreaterThanOrEqual(top[i].post);
    const row = block.mlpPost.data.subarray(2 * block.mlpPost.cols, 3 * block.mlpPost.cols);
    expect(top[0].post).toBe(Math.max(...row));
    expect(top[0].pre).toBe(block.mlpPre.data[2 * block.mlpPre.cols + top[0].neuron]);
  });

  it("reads one neuron's activation across the prompt", () => {
    const across = neuronAcross(block.mlpPost, 7);
    expect(across).toHaveLength(IDS.length);
    expect(across[3]).toBe(block.mlpPost.data[3 * block.mlpPost.cols + 7]);
    expect(() => neuronAcross(block.mlpPost, block.mlpPost.cols)).toThrow(/out of range/);
  });
});
