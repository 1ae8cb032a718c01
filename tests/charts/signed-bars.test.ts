import { describe, expect, it } from 'vitest';
import { barExtent, signedBarsLayout, type SignedBar } from '../../src/charts/signed-bars';

const bar = (label: string, value: number): SignedBar => ({ key: label, label, value, valueText: value.toFixed(2) });

describe('signed bars', () => {
  it('split the room evenly around a zero line between the labels and the values', () => {
    const layout = signedBarsLayout([bar('L0H0', 1), bar('ln_final.b', -2)], 400);
    expect(layout.zero - layout.labelW).toBe(layout.half);
    expect(layout.labelW + 2 * layout.half + layout.valueW).toBeCloseTo(400, 6);
    expect(layout.height).toBe(2 * layout.rowH);
  });

  it('draw a positive value right of zero and a negative one left, in proportion', () => {
    expect(barExtent(2, 4, 100, 50)).toEqual({ x: 100, w: 25 });
    expect(barExtent(-4, 4, 100, 50)).toEqual({ x: 50, w: 50 });
    // Beyond the extent a bar stops at the edge.
    expect(barExtent(-8, 4, 100, 50)).toEqual({ x: 50, w: 50 });
    expect(barExtent(0, 0, 100, 50)).toEqual({ x: 100, w: 0 });
  });

  it('fit a phone: bars keep room at 320 px with long labels', () => {
    const layout = signedBarsLayout([bar('a-very-long-component-name', 1)], 320);
    expect(layout.labelW).toBeLessThanOrEqual(96);
    expect(layout.half).toBeGreaterThan(60);
  });
});
