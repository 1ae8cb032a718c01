import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import {
  cellAt,
  clipLabel,
  colorTable,
  heatmapLayout,
  moveCell,
  tableIndex,
  tickIndices,
  valueAt,
} from '../../src/charts/heatmap';

const data = {
  rows: 3,
  cols: 4,
  values: Float32Array.from({ length: 12 }, (_, i) => i),
  rowLabels: ['a', 'b', 'c'],
  colLabels: ['a', 'b', 'c', 'd'],
};

describe('heatmapLayout', () => {
  it('fits the cells into the width and keeps them square by default', () => {
    const l = heatmapLayout(data, { width: 300 });
    expect(l.width).toBeLessThanOrEqual(300);
    expect(l.cellW).toBe(l.cellH);
    expect(l.innerW).toBeCloseTo(4 * l.cellW, 9);
  });

  it('keeps rows tall enough to read when a matrix is very wide', () => {
    const wide = { rows: 5, cols: 768, values: new Float32Array(5 * 768), rowLabels: ['x', 'y', 'z', 'u', 'v'] };
    const l = heatmapLayout(wide, { width: 375, minRowHeight: 14 });
    expect(l.width).toBeLessThanOrEqual(375);
    expect(l.cellH).toBe(14);
    expect(l.cellW).toBeLessThan(1);
  });
});

describe('cellAt and valueAt', () => {
  it('inverts the layout: the centre of every cell maps back to it', () => {
    const l = heatmapLayout(data, { width: 300 });
    for (let r = 0; r < data.rows; r++) {
      for (let c = 0; c < data.cols; c++) {
        const x = l.margin.left + (c + 0.5) * l.cellW;
        const y = l.margin.top + (r + 0.5) * l.cellH;
        expect(cellAt(l, data, x, y)).toEqual({ row: r, col: c });
        expect(valueAt(data, r, c)).toBe(r * 4 + c);
      }
    }
    expect(cellAt(l, data, 0, 0)).toBeNull();
    expect(cellAt(l, data, l.margin.left + l.innerW + 1, l.margin.top + 1)).toBeNull();
  });
});

describe('colour table', () => {
  it('samples the scale from one end of its domain to the other', () => {
    const scale = d3.scaleSequential(d3.interpolateViridis).domain([0, 1]);
    const t = colorTable(scale, 16);
    const first = d3.rgb(scale(0));
    const last = d3.rgb(scale(1));
    expect([...t.rgb.slice(0, 3)]).toEqual([first.r, first.g, first.b]);
    expect([...t.rgb.slice(45, 48)]).toEqual([last.r, last.g, last.b]);
  });

  it('reads a diverging scale over its whole symmetric domain', () => {
    const scale = d3.scaleDiverging(d3.interpolateRdBu).domain([-2, 0, 2]);
    const t = colorTable(scale, 5);
    expect([t.lo, t.hi]).toEqual([-2, 2]);
    expect(tableIndex(0, t.lo, t.hi, 5)).toBe(2);
  });

  it('clamps values outside the domain to its ends', () => {
    expect(tableIndex(-5, 0, 1, 256)).toBe(0);
    expect(tableIndex(5, 0, 1, 256)).toBe(255);
    expect(tableIndex(0.5, 0, 1, 3)).toBe(1);
  });
});

describe('axis ticks and labels', () => {
  it('labels every row that has room, and every k-th otherwise', () => {
    expect(tickIndices(5, 20, 13)).toEqual([0, 1, 2, 3, 4]);
    expect(tickIndices(768, 0.4, 36)).toEqual(d3.range(0, 768, 90));
  });

  it('clips long token labels with an ellipsis', () => {
    expect(clipLabel('short')).toBe('short');
    expect(clipLabel('a very long token label')).toBe('a very long…');
  });
});

describe('moveCell', () => {
  it('starts at the first cell, then moves and clamps', () => {
    expect(moveCell(null, 'ArrowDown', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, 'ArrowDown', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 2, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveCell({ row: 1, col: 1 }, 'End', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(moveCell({ row: 1, col: 1 }, 'Tab', 3, 4)).toBeNull();
  });
});
