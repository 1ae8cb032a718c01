import { describe, expect, it } from 'vitest';
import { BLOCK_STEPS, stepBy } from '../../../src/panels/block/steps';

describe('block steps', () => {
  it("follow GPT-2's order: LayerNorm, attention, add, LayerNorm, MLP, add", () => {
    const order = (s: (typeof BLOCK_STEPS)[number]) => BLOCK_STEPS.indexOf(s);
    expect(order('ln1')).toBeLessThan(order('scores'));
    expect(order('scores')).toBeLessThan(order('softmax'));
    expect(order('softmax')).toBeLessThan(order('mix'));
    expect(order('project')).toBeLessThan(order('add1'));
    expect(order('add1')).toBeLessThan(order('ln2'));
    expect(order('mlpUp')).toBeLessThan(order('gelu'));
    expect(order('gelu')).toBeLessThan(order('mlpDown'));
    expect(order('mlpDown')).toBeLessThan(order('add2'));
  });

  it('steps forward and back, clamped at the ends', () => {
    expect(stepBy('ln1', -1)).toBe('ln1');
    expect(stepBy('ln1', 1)).toBe('qkv');
    expect(stepBy('norms', 1)).toBe('norms');
    expect(stepBy('gelu', -2)).toBe('ln2');
  });
});
