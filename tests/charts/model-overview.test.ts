import { describe, expect, it } from 'vitest';
import { overviewLayout, SHOWN_TOKENS, VERTICAL_BELOW } from '../../src/charts/model-overview';

describe('the model overview’s layout', () => {
  it('runs left to right on a wide screen and fits GPT-2 small’s 12 blocks in it', () => {
    const l = overviewLayout(12, 20, 680);
    expect(l.vertical).toBe(false);
    expect(l.width).toBeLessThanOrEqual(680);
    expect(l.boxes.filter((b) => b.kind === 'attn')).toHaveLength(12);
    expect(l.bars.map((b) => b.layer)).toEqual([...Array(12).keys()]);
    expect(l.tokenSlots).toHaveLength(SHOWN_TOKENS);
  });

  it('runs top to bottom on a phone, within its width, one row per block', () => {
    const l = overviewLayout(4, 3, 343);
    expect(343).toBeLessThan(VERTICAL_BELOW);
    expect(l.vertical).toBe(true);
    for (const b of l.boxes) expect(b.x + b.w).toBeLessThanOrEqual(343 + 1e-9);
    const attn = l.boxes.filter((b) => b.kind === 'attn').map((b) => b.y);
    expect(attn).toEqual([...attn].sort((a, b) => a - b));
    expect(l.tokenSlots).toHaveLength(3);
  });

  it('draws the stream from the tokens to the next tokens, through every block', () => {
    const l = overviewLayout(4, 5, 800);
    const xs = l.stream.map(([x]) => x);
    const blocks = l.boxes.filter((b) => b.kind === 'mlp');
    expect(Math.min(...xs)).toBeLessThanOrEqual(blocks[0].x);
    expect(Math.max(...xs)).toBeGreaterThanOrEqual(blocks[3].x + blocks[3].w);
  });
});
