import { describe, expect, it } from 'vitest';
import { benchPrompts } from '../../../scripts/bench/prompts';
import { decode } from '../../../src/tokenizer';

describe('benchPrompts', () => {
  it('gives one prompt per length, each a prefix of the next, of real text', () => {
    const [a, b, c] = benchPrompts([16, 64, 1024]);
    expect([a.length, b.length, c.length]).toEqual([16, 64, 1024]);
    expect(b.slice(0, 16)).toEqual(a);
    expect(c.slice(0, 64)).toEqual(b);
    expect(decode(a)).toMatch(/^The river rose/);
  });
});
