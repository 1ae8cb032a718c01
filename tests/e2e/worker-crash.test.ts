/**
 * The model worker dies with an uncaught error while tracing a prompt, and again on the
 * fresh worker the page starts to re-run it. The worker's script is served with a first
 * line that, when the chosen prompt's trace arrives, asks the test (a synchronous request
 * to a routed URL, a new one each time so no cached answer is used: Chromium starts later
 * workers from a kept copy of the script, so the script itself cannot differ) whether to
 * crash; if so it keeps the request from the worker's host and throws, uncaught, as a real
 * crash would. The test says yes twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { screenshot } from './block-page';
import {
  expectNoPageErrors,
  gotoStage,
  modelWorkers,
  openBrowser,
  prefixWorkerScript,
  url,
  waitFor,
  waitForModel,
  type Session,
} from './helpers';
import { expectBarsOfCli } from './shown-bars';

const CRASHING_PROMPT = 'This prompt brings the worker down';
const ASK = '/__test/crash-now';

function crashOn(ids: number[]): string {
  const trigger = JSON.stringify(ids.join(','));
  return (
    `self.addEventListener('message', (e) => { if (!JSON.stringify(e.data).includes(${trigger})) return;` +
    ` const ask = new XMLHttpRequest(); ask.open('GET', '${ASK}?' + Math.random(), false); ask.send();` +
    " if (ask.responseText === 'yes') { e.stopImmediatePropagation(); throw new Error('the worker fell over'); } });\n"
  );
}

describe('a model worker that crashes', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
    const inject = crashOn(encode(CRASHING_PROMPT).map((t) => t.id));
    await prefixWorkerScript(s.context, () => inject);
    let crashes = 0;
    await s.context.route(`**${ASK}?*`, (route) =>
      route.fulfill({ body: crashes++ < 2 ? 'yes' : 'no', headers: { 'cache-control': 'no-store' } }),
    );
  });
  afterAll(async () => s?.close());

  it('is retried once, then says why in one clean line, and Try again runs the prompt', async () => {
    const { page } = s;
    await page.goto(url('?model=tiny-random&backend=wasm'));
    await waitForModel(page);
    await gotoStage(page, 'softmax');
    await page.getByRole('textbox', { name: 'Prompt' }).fill(CRASHING_PROMPT);

    const error = page.locator('main p.error');
    const shown = await waitFor(
      () => error.allInnerTexts(),
      (texts) => texts.length > 0,
      'the error',
      120_000,
    );
    console.log(`shown after two crashes: ${shown.join(' | ')}`);
    expect(shown).toEqual([
      'The forward pass failed: the model worker stopped (the worker fell over); the next request restarts it Try again',
    ]);
    await screenshot(page, 'worker-crash-retry');
    const ids = encode(CRASHING_PROMPT)
      .map((t) => t.id)
      .join(',');
    expect(await page.locator('section.stage').getAttribute('data-traced-ids')).not.toBe(ids);

    await error.getByRole('button', { name: 'Try again' }).click();
    await waitFor(
      () => page.locator('section.stage').getAttribute('data-traced-ids'),
      (v) => v === ids,
      'the retried trace',
      120_000,
    );
    expect(await error.count()).toBe(0);
    await expectBarsOfCli(page, 'tiny-random', CRASHING_PROMPT);
    // The dead worker leaves page.workers() when Chromium reports it closed, which can come a moment later.
    await expect.poll(() => modelWorkers(page).length, { timeout: 10_000 }).toBe(1);
    expectNoPageErrors(s);
  });
});
