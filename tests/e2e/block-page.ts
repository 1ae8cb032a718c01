/**
 * Shared steps of the block and attention end-to-end tests: open the page on the committed
 * tiny-random model, type a prompt, go to the transformer-block stage, and read the CLI's
 * trace of the same prompt as the reference.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { cliTrace } from './cli-trace';
import { url, waitForModel } from './helpers';

export const MODEL = 'tiny-random';
export const PROMPT = 'The quick brown fox jumps over the lazy dog';
export const SCREENSHOTS = 'test-results/screenshots';

let reference: TraceJson | undefined;

/** The CLI trace of PROMPT on MODEL, computed once per test file. */
export function referenceTrace(): TraceJson {
  reference ??= cliTrace(MODEL, PROMPT);
  return reference;
}

/** Loads the page, types PROMPT and opens the blocks stage with its attention view drawn. */
export async function openBlockStage(page: Page): Promise<void> {
  await page.goto(url(`?model=${MODEL}`));
  await waitForModel(page);
  await page.getByRole('textbox', { name: 'Prompt' }).fill(PROMPT);
  await page.locator('.overview button', { hasText: 'block' }).click();
  // The new prompt's trace has arrived when the columns hold its tokens.
  const tokens = referenceTrace().tokens.length;
  await expect.poll(() => page.locator('.token-column.query button').count(), { timeout: 60_000 }).toBe(tokens);
  await page.locator('[data-testid=head-grid] rect.cell').first().waitFor({ timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A number as the page formats it (4 significant digits) compared with the reference value. */
export function expectShown(shown: number, expected: number, label: string): void {
  expect(Math.abs(shown - expected), `${label}: page ${shown}, CLI ${expected}`).toBeLessThanOrEqual(
    1e-3 * Math.abs(expected) + 2e-4,
  );
}
