/**
 * The stages on the edited run, on the page's bundled model (taken from the catalog, so this
 * follows a new bundled model): an ablation's next-token numbers are the CLI's `--ablate`, the
 * stages show the edited run with its badge when asked (and say so where the edit cannot reach),
 * and Restore brings back the original run's numbers. experiments.test.ts runs every experiment
 * on this model and on tiny-random.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDIRECT_OBJECT_EXAMPLE as IOI } from '../../src/store/experiment-examples';
import { cliTrace } from './cli-trace';
import {
  BUNDLED_MODEL,
  gotoStage,
  openBrowser,
  url,
  waitFor,
  waitForModel,
  expectNoPageErrors,
  settledUrl,
} from './helpers';
import { barsIn, shownBars } from './shown-bars';

const ABLATE = ['--ablate', 'blocks.1.attn.hook_z:head=0'];
const experiments = (page: Page) => page.getByRole('region', { name: 'Experiments' });
const stage = (page: Page) => page.locator('section.stage');

/** The largest absolute difference between the shown logits and the reference's. */
const maxAbsDiff = (shown: { id: number; logit: number }[], ref: number[]) =>
  Math.max(...shown.map((b) => Math.abs(b.logit - ref[b.id])));

describe(`experiments on the bundled model (${BUNDLED_MODEL.id})`, () => {
  let s: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    s = await openBrowser({ width: 1400, height: 1000 });
    await s.page.goto(url(`?model=${BUNDLED_MODEL.id}&prompt=${encodeURIComponent(IOI.clean)}`));
    expect((await waitForModel(s.page)).model).toBe(BUNDLED_MODEL.id);
  });
  afterAll(async () => s?.close());

  it('an ablation is the CLI’s --ablate, and every stage can show the edited run with its badge', async () => {
    const { page } = s;
    await experiments(page).getByRole('button', { name: 'Ablate L1H0' }).click();
    await page.getByTestId('edited-bars').locator('g.bar').first().waitFor();
    const ref = cliTrace(BUNDLED_MODEL.folder, IOI.clean, ABLATE);
    const edited = await barsIn(page.getByTestId('edited-bars'));
    const diff = maxAbsDiff(edited, ref.logits);
    console.log(
      `${BUNDLED_MODEL.id}: ablation view vs CLI --ablate, largest logit difference ${diff.toExponential(2)}`,
    );
    expect(diff).toBeLessThan(2e-3 * Math.max(1, ...edited.map((b) => Math.abs(b.logit))));

    // The stages show the edited run on request; the tokens stage comes before every block.
    await stage(page).getByRole('radio', { name: 'edited run' }).click();
    const runSwitch = stage(page).getByTestId('run-switch');
    await expect.poll(() => runSwitch.getAttribute('data-shown')).toBe('edited');
    expect(await runSwitch.getAttribute('data-reach')).toBe('upstream');
    await expect.poll(() => runSwitch.getByTestId('edited-badge').innerText()).toContain('L1H0');
    await gotoStage(page, 'softmax');
    await expect.poll(() => runSwitch.getAttribute('data-reach')).toBe('edited');
    // The softmax stage's bars are the edited run's: the CLI's --ablate numbers.
    await waitFor(
      () => shownBars(page),
      (bars) => bars.length > 0 && maxAbsDiff(bars, ref.logits) < 2e-3 * Math.max(1, Math.abs(bars[0].logit)),
      'the edited run on the softmax stage',
    );
    await expect.poll(() => page.url()).toContain('run=edited');

    // One click restores the original everywhere.
    await runSwitch.getByRole('button', { name: 'Restore the original' }).click();
    await expect.poll(() => stage(page).getByTestId('run-switch').count()).toBe(0);
    expect(await settledUrl(page)).not.toContain('ablate=');
    // The softmax stage's bars are the plain CLI trace's again.
    const plain = cliTrace(BUNDLED_MODEL.folder, IOI.clean);
    await waitFor(
      () => shownBars(page),
      (bars) => bars.length > 0 && maxAbsDiff(bars, plain.logits) < 2e-3 * Math.max(1, Math.abs(bars[0].logit)),
      'the original run on the softmax stage',
    );
    expectNoPageErrors(s);
  });
});
