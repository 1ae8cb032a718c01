/** The softmax stage's bars as the page shows them, checked against the CLI trace of a prompt. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { cliTrace } from './cli-trace';
import { maxRelDiff, topIds } from './numbers';

export interface ShownBar {
  id: number;
  logit: number;
  prob: number;
}

/** The probability bars drawn in an <svg> (by charts/bars.ts): token id, logit and probability, top first. */
export const barsIn = (svg: Locator): Promise<ShownBar[]> =>
  svg.locator('g.bar').evaluateAll((els) =>
    els.map((e) => ({
      id: Number(e.getAttribute('data-token-id')),
      logit: Number(e.getAttribute('data-logit')),
      prob: Number(e.getAttribute('data-prob')),
    })),
  );

/** Each shown bar's token id and logit, top first. */
export const shownBars = (page: Page): Promise<{ id: number; logit: number }[]> =>
  page
    .getByTestId('probability-bars')
    .locator('g.bar')
    .evaluateAll((els) =>
      els.map((e) => ({ id: Number(e.getAttribute('data-token-id')), logit: Number(e.getAttribute('data-logit')) })),
    );

/** The bars are the CLI's: the same top token, every shown logit within 2e-3 (relative). */
export async function expectBarsOfCli(page: Page, model: string, prompt: string): Promise<void> {
  const ref = cliTrace(model, prompt);
  const bars = await shownBars(page);
  expect(bars[0].id).toBe(topIds(ref.logits, 1)[0]);
  expect(
    maxRelDiff(
      bars.map((b) => b.logit),
      bars.map((b) => ref.logits[b.id]),
    ),
  ).toBeLessThan(2e-3);
}
