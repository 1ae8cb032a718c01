import { describe, expect, it } from 'vitest';
import { cellOrigin, headGridLayout, moveGridCell } from '../../src/charts/head-grid';

describe('headGridLayout', () => {
  it('fits 12 heads in a phone-width column and caps cells on a desktop', () => {
    const phone = headGridLayout(12, 12, 340);
    expect(phone.width).toBeLessThanOrEqual(340);
    expect(phone.cell).toBeGreaterThanOrEqual(18);
    const desktop = headGridLayout(12, 12, 2000);
    expect(desktop.cell).toBe(72);
  });

  it('places cells left to right by head, top to bottom by layer, without overlap', () => {
    const g = headGridLayout(4, 4, 400);
    const [x0, y0] = cellOrigin(g, 0, 0);
    const [x1] = cellOrigin(g, 0, 1);
    const [, y1] = cellOrigin(g, 1, 0);
    expect(x1 - x0).toBe(g.cell + g.gap);
    expect(y1 - y0).toBe(g.cell + g.gap);
    const [xl, yl] = cellOrigin(g, 3, 3);
    expect(xl + g.cell).toBeLessThanOrEqual(g.width);
    expect(yl + g.cell).toBeLessThanOrEqual(g.height);
  });
});

describe('moveGridCell', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(moveGridCell({ layer: 1, head: 1 }, 'ArrowRight', 4, 4)).toEqual({ layer: 1, head: 2 });
    expect(moveGridCell({ layer: 0, head: 0 }, 'ArrowUp', 4, 4)).toEqual({ layer: 0, head: 0 });
    expect(moveGridCell({ layer: 3, head: 3 }, 'ArrowDown', 4, 4)).toEqual({ layer: 3, head: 3 });
    expect(moveGridCell({ layer: 2, head: 0 }, 'ArrowLeft', 4, 4)).toEqual({ layer: 2, head: 0 });
    expect(moveGridCell({ layer: 2, head: 0 }, 'x', 4, 4)).toBeNull();
  });
});
