/** The attention lines a page draws, and the ones a CLI trace's attention says it should draw. */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { MIN_DRAWN_WEIGHT } from '../../src/charts/attention-lines';
import type { Session } from './helpers';

export interface Line {
  head: number;
  query: number;
  key: number;
  weight: number;
}

/** Every drawn line, in `within` (default: the whole page). */
export async function drawnLines(s: Session, within?: Locator): Promise<Line[]> {
  return (within ?? s.page.locator('body')).locator('.lines-box path').evaluateAll((paths) =>
    paths.map((p) => ({
      head: Number(p.getAttribute('data-head')),
      query: Number(p.getAttribute('data-query')),
      key: Number(p.getAttribute('data-key')),
      weight: Number(p.getAttribute('data-weight')),
    })),
  );
}

/** The lines one layer's attention [head][query][key] calls for, for a token and direction. */
export function linesOf(attention: number[][][], position: number, direction: 'from' | 'to', heads: number[]): Line[] {
  const out: Line[] = [];
  for (const head of heads) {
    const pattern = attention[head];
    for (let other = 0; other < pattern.length; other++) {
      const [query, key] = direction === 'from' ? [position, other] : [other, position];
      const weight = key <= query ? pattern[query][key] : 0;
      if (weight >= MIN_DRAWN_WEIGHT) out.push({ head, query, key, weight });
    }
  }
  return out;
}

/** Same set of lines, weights within float32-backend noise (ignoring lines right at the drawing threshold). */
export function expectSameLines(drawn: Line[], expected: Line[]): void {
  const key = (l: Line) => `${l.head}:${l.query}:${l.key}`;
  const clear = (l: Line) => Math.abs(l.weight - MIN_DRAWN_WEIGHT) > 1e-4;
  const byKey = new Map(drawn.map((l) => [key(l), l]));
  for (const e of expected.filter(clear)) {
    const d = byKey.get(key(e));
    expect(d, `line ${key(e)} (CLI weight ${e.weight}) is drawn`).toBeDefined();
    expect(Math.abs(d!.weight - e.weight), `line ${key(e)}`).toBeLessThan(2e-3);
  }
  const expectedKeys = new Set(expected.map(key));
  for (const d of drawn.filter(clear))
    expect(expectedKeys.has(key(d)), `line ${key(d)} is in the CLI trace`).toBe(true);
}
