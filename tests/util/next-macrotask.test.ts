import { describe, expect, it } from 'vitest';
import { nextMacrotask } from '../../src/util/next-macrotask';

describe('nextMacrotask', () => {
  it('resolves in a later task, after the microtasks already queued', async () => {
    const order: string[] = [];
    const turn = nextMacrotask().then(() => order.push('turn'));
    for (let i = 0; i < 10; i++) await Promise.resolve().then(() => order.push(`micro ${i}`));
    expect(order).not.toContain('turn');
    await turn;
    expect(order.at(-1)).toBe('turn');
  });
});
