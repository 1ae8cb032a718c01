/**
 * The experiments on the page's bundled model (taken from the catalog, so this follows a new
 * bundled model), not only on tiny-random: an ablation's next-token numbers are the CLI's
 * `--ablate`, the stages show the edited run with its badge when asked (and say so where the
 * edit cannot reach), and the attribution's bars are `--attribute` and sum to the logit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDIRECT_OBJECT_EXAMPLE as IOI } from '../../src/store/experiment-examples';
import { cliTrace } from './cli-trace';
import { BUNDLED_MODEL, gotoStage, openBrowser, url, waitFor, waitForModel, expectNoPageErrors } from './helpers';
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
    expect(page.url()).not.toContain('ablate=');
  });

  it('attribution: the bars are the CLI’s --attribute and sum to the logit', async () => {
    const { page } = s;
    await experiments(page).getByRole('radio', { name: 'Logit attribution' }).click();
    const view = page.getByRole('region', { name: 'Logit attribution' });
    await view.getByRole('textbox').first().fill(IOI.answer);
    await view.getByRole('textbox').nth(1).fill(IOI.against);
    await view.getByRole('button', { name: /Attribute/ }).click();
    const ref = cliTrace(BUNDLED_MODEL.folder, IOI.clean, ['--attribute', IOI.answer, '--against', IOI.against]);
    // The view opens on the predicted token: wait for the pair's attribution.
    const chart = page.getByTestId('attribution-bars');
    await waitFor(
      () => chart.getAttribute('data-logit'),
      (v) => v !== null && Math.abs(Number(v) - ref.attribution!.logit) < 2e-3,
      'the attribution of the answer against the other',
    );
    const shown = JSON.parse((await chart.getAttribute('data-components')) ?? '{}') as Record<string, number>;
    expect(Object.keys(shown).sort()).toEqual(Object.keys(ref.attribution!.components).sort());
    const worst = Math.max(...Object.entries(ref.attribution!.components).map(([k, v]) => Math.abs(shown[k] - v)));
    const bars = await chart
      .locator('g.signed-bar')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    const logit = Number(await chart.getAttribute('data-logit'));
    const sum = bars.reduce((a, b) => a + b, 0);
    console.log(
      `${BUNDLED_MODEL.id}: attribution vs CLI largest difference ${worst.toExponential(2)}; ` +
        `bars sum ${sum.toFixed(5)} vs logit ${logit.toFixed(5)} (CLI ${ref.attribution!.logit.toFixed(5)})`,
    );
    expect(worst).toBeLessThan(2e-3);
    expect(Math.abs(sum - logit)).toBeLessThan(2e-3);
    expect(Math.abs(logit - ref.attribution!.logit)).toBeLessThan(2e-3);
    // The restored page shows the original run: the softmax stage's bars are the plain CLI trace.
    const bars0 = await shownBars(page);
    expect(maxAbsDiff(bars0, ref.logits)).toBeLessThan(2e-3 * Math.max(1, Math.abs(bars0[0].logit)));
    expectNoPageErrors(s);
  });
});
