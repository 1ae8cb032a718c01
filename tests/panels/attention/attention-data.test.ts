import { describe, expect, it } from 'vitest';
import type { BlockTrace, Tensor3, TokenAttention } from '../../../src/model/types';
import {
  gridRows,
  headWeights,
  moveToken,
  patternFor,
  viewWeights,
} from '../../../src/panels/attention/attention-data';

// A causal pattern for 2 heads and 3 tokens: head 0 always looks at token 0, head 1 at itself.
const pattern: Tensor3 = {
  dims: [2, 3, 3],
  data: Float32Array.from([1, 0, 0, 1, 0, 0, 1, 0, 0, /* head 1 */ 1, 0, 0, 0, 1, 0, 0, 0, 1]),
};
const block = { layer: 1, pattern } as unknown as BlockTrace;

describe('headWeights', () => {
  it("reads a token's row for 'attends to'", () => {
    const w = headWeights(pattern, 2, 'from');
    expect(w.map((x) => Array.from(x.weights))).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });

  it("reads a token's column for 'attended to by'", () => {
    const w = headWeights(pattern, 0, 'to');
    expect(w.map((x) => Array.from(x.weights))).toEqual([
      [1, 1, 1],
      [1, 0, 0],
    ]);
  });
});

describe('viewWeights', () => {
  const attention: TokenAttention = {
    position: 1,
    from: [[new Float32Array([0.5, 0.5, 0])], [new Float32Array([0.25, 0.75, 0])]],
    to: [[new Float32Array([0, 0.5, 0.1])], [new Float32Array([0, 0.75, 0.2])]],
  };

  it("prefers the layer's full pattern, which answers any token", () => {
    expect(Array.from(viewWeights(block, attention, 1, 2, 'from')![1].weights)).toEqual([0, 0, 1]);
  });

  it("falls back to the token's own rows while the layer's pattern is not there", () => {
    expect(Array.from(viewWeights(null, attention, 1, 1, 'from')![0].weights)).toEqual([0.25, 0.75, 0]);
    expect(Array.from(viewWeights(block, attention, 0, 1, 'to')![0].weights)).toEqual([
      0,
      expect.closeTo(0.5, 6),
      expect.closeTo(0.1, 6),
    ]);
  });

  it('has nothing for another token or layer without a pattern', () => {
    expect(viewWeights(null, attention, 1, 2, 'from')).toBeNull();
    expect(viewWeights(block, null, 0, 0, 'from')).toBeNull();
  });

  it('keeps a pattern only for its own layer', () => {
    expect(patternFor(block, 1)).toBe(pattern);
    expect(patternFor(block, 0)).toBeNull();
    expect(gridRows(attention, 'to')).toBe(attention.to);
  });
});

describe('moveToken', () => {
  it('moves with the arrows, jumps with Home and End, and stays inside the prompt', () => {
    expect(moveToken(0, 'ArrowUp', 5)).toBe(0);
    expect(moveToken(0, 'ArrowDown', 5)).toBe(1);
    expect(moveToken(4, 'ArrowRight', 5)).toBe(4);
    expect(moveToken(3, 'ArrowLeft', 5)).toBe(2);
    expect(moveToken(2, 'Home', 5)).toBe(0);
    expect(moveToken(2, 'End', 5)).toBe(4);
    expect(moveToken(2, 'Enter', 5)).toBeNull();
  });
});
