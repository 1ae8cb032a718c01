import { describe, expect, it } from 'vitest';
import { barsLayout, type Bar } from '../../src/charts/bars';
import { gradientStops } from '../../src/charts/legend';
import { yDomain } from '../../src/charts/line-chart';
import { divergingScale } from '../../src/charts/palette';
import { placeTooltip } from '../../src/charts/tooltip';
import { cellAnchor } from '../../src/charts/vector-strip';
import { heatmapLayout } from '../../src/charts/heatmap';

const bar = (label: string, value: number): Bar => ({ key: label, label, value, valueText: `${value}` });

describe('bars layout', () => {
  it('fits labels, bars and values into the width, one row per bar', () => {
    for (const width of [320, 375, 1200]) {
      const l = barsLayout([bar('␣the', 0.5), bar('␣encyclopedia', 0.1)], width);
      expect(l.labelW + l.barW + l.valueW).toBeLessThanOrEqual(Math.max(width, l.labelW + 20 + l.valueW));
      expect(l.height).toBe(2 * l.rowH);
      expect(l.barW).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('tooltip placement', () => {
  it('stays inside the viewport, flipping to the other side of the point when needed', () => {
    expect(placeTooltip(10, 10, 100, 50, 800, 600)).toEqual([22, 22]);
    const [left, top] = placeTooltip(780, 590, 100, 50, 800, 600);
    expect(left + 100).toBeLessThanOrEqual(800);
    expect(top + 50).toBeLessThanOrEqual(600);
  });
});

describe('line chart domain', () => {
  it('starts at 0 for non-negative data and pads the top', () => {
    expect(yDomain([{ key: 'a', label: 'a', values: [2, 10] }])).toEqual([0, 10.5]);
    expect(yDomain([{ key: 'a', label: 'a', values: [-1, 1] }])[0]).toBe(-1);
  });
});

describe('legend', () => {
  it('samples the scale evenly from end to end', () => {
    const scale = divergingScale('weight', 2);
    const stops = gradientStops(scale, 5);
    expect(stops.map((s) => s[0])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stops[0][1]).toBe(scale(-2));
    expect(stops[2][1]).toBe(scale(0));
  });
});

describe('vector strip', () => {
  it('anchors a cell’s tooltip just past the cell, in viewport coordinates', () => {
    const data = { rows: 3, cols: 64, values: new Float32Array(192), rowLabels: ['a', 'b', 'c'] };
    const layout = heatmapLayout(data, { width: 600, maxCell: 24, minRowHeight: 18 });
    const [x, y] = cellAnchor({ left: 100, top: 200 }, layout, { row: 1, col: 2 });
    expect(x).toBeCloseTo(100 + layout.margin.left + 3 * layout.cellW);
    expect(y).toBeCloseTo(200 + layout.margin.top + 2 * layout.cellH);
  });
});
