/**
 * Races in the page: inputs that change while the model is still working. Whatever the
 * order of replies, the view must end on the numbers of the final inputs, compared with
 * the CLI trace of the final prompt, and stay there (a late reply for an older request
 * must not overwrite it). Then the page must not pile up workers or listeners over many
 * prompt changes and a model switch.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { cliTrace } from './cli-trace';
import {
  BUNDLED_MODEL,
  expectNoPageErrors,
  gotoStage,
  modelWorkers,
  openBrowser,
  url,
  waitFor,
  waitForModel,
  type Session,
} from './helpers';
import { maxRelDiff, softmax, topIds } from './numbers';
import { barsIn, type ShownBar } from './shown-bars';

const readBars = (page: Page): Promise<ShownBar[]> => barsIn(page.getByTestId('probability-bars'));

const tracedIds = (page: Page) => page.locator('section.stage').getAttribute('data-traced-ids');

/**
 * Waits for the view to show the trace of `prompt` on `model`, checks the shown tokens and
 * bars against the CLI, waits a little longer for any late reply, and checks again.
 */
async function expectViewOf(page: Page, model: string, prompt: string): Promise<void> {
  const ids = encode(prompt)
    .map((t) => t.id)
    .join(',');
  await waitFor(
    () => page.locator('.model-status').getAttribute('data-model'),
    (m) => m === model,
    `model ${model}`,
  );
  await waitFor(
    () => tracedIds(page),
    (v) => v === ids,
    `the trace of "${prompt}"`,
  );
  await waitFor(
    () => page.locator('.trace-status').innerText(),
    (t) => /ms/.test(t),
    'the trace to finish',
  );
  const ref = cliTrace(model, prompt);
  expect(ref.tokens.map((t) => t.id).join(',')).toBe(ids);
  const check = async () => {
    expect(await tracedIds(page)).toBe(ids);
    const bars = await readBars(page);
    expect(bars.length).toBeGreaterThanOrEqual(10);
    expect(bars[0].id).toBe(topIds(ref.logits, 1)[0]);
    expect(
      maxRelDiff(
        bars.map((b) => b.logit),
        bars.map((b) => ref.logits[b.id]),
      ),
    ).toBeLessThan(2e-3);
    const T = Number(await page.getByTestId('temperature-value').innerText());
    const expected = softmax(ref.logits, T);
    expect(
      maxRelDiff(
        bars.map((b) => b.prob),
        bars.map((b) => expected[b.id]),
      ),
    ).toBeLessThan(5e-3);
  };
  await check();
  await page.waitForTimeout(1500);
  await check();
}

/** Closes the model picker if it is open (it listens on document while open). */
async function closePicker(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: /^Model: / });
  if ((await button.getAttribute('aria-expanded')) === 'true') await button.click();
}

async function setPromptQuietly(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Prompt' }).fill(text);
}

describe('races in the page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
    // wasm: the races do not depend on the backend, and software WebGL is slow here.
    await s.page.goto(url(`?model=${BUNDLED_MODEL.id}&backend=wasm`));
    await waitForModel(s.page);
    await gotoStage(s.page, 'softmax');
  });
  afterAll(async () => s?.close());

  it('switching model while a prompt is being traced ends on the new model and the final prompt', async () => {
    const { page } = s;
    const prompt = 'The ship sailed into the harbour at dawn';
    await setPromptQuietly(page, prompt);
    // Switch at once, inside the 250 ms debounce: the old model's trace of this prompt starts
    // while the switch is under way. (Waiting to see the trace running first made the test
    // depend on the machine being slow: on a quiet machine the wasm trace ends before it is seen.)
    const picker = page.getByRole('button', { name: /^Model: / });
    await picker.click();
    await page.locator('.picker-entry[data-model="tiny-random"]').getByRole('button').click();
    await expectViewOf(page, 'tiny-random', prompt);
    expectNoPageErrors(s);
  });

  it('fast typing with pauses around the debounce ends on the final prompt', async () => {
    const { page } = s;
    const box = page.getByRole('textbox', { name: 'Prompt' });
    await box.fill('');
    await box.focus();
    // Pauses longer than the 250 ms debounce start traces that the next keys supersede.
    const words = ['Once', ' upon', ' a', ' time', ' there', ' lived', ' a', ' king'];
    const pauses = [300, 0, 420, 30, 260, 0, 350, 0];
    for (const [i, word] of words.entries()) {
      await page.keyboard.type(word, { delay: 15 });
      await page.waitForTimeout(pauses[i]);
    }
    await page.keyboard.press('Backspace');
    await page.keyboard.type('d', { delay: 0 });
    await expectViewOf(page, 'tiny-random', 'Once upon a time there lived a kind');
    expectNoPageErrors(s);
  });

  it('dragging the temperature while a prompt is being traced shows the final prompt at the final temperature', async () => {
    const { page } = s;
    const slider = page.getByRole('slider', { name: 'Temperature' });
    const box = (await slider.boundingBox())!;
    const prompt = 'A cold wind blew across the';
    await setPromptQuietly(page, prompt);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 20 });
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 20 });
    await page.mouse.up();
    const T = Number(await page.getByTestId('temperature-value').innerText());
    expect(Math.abs(T - 1.4)).toBeLessThan(0.1);
    await expectViewOf(page, 'tiny-random', prompt);
    expectNoPageErrors(s);
  });

  it('keeps one model worker and the same window and document listeners over many prompts and a model switch', async () => {
    const { page } = s;
    const cdp = await s.context.newCDPSession(page);
    // Listeners on window and document (not on elements, whose number follows the prompt).
    const listeners = async () => {
      const counts: Record<string, number> = {};
      for (const target of ['window', 'document']) {
        const { result } = await cdp.send('Runtime.evaluate', { expression: target });
        const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
        for (const l of found) counts[`${target} ${l.type}`] = (counts[`${target} ${l.type}`] ?? 0) + 1;
      }
      return counts;
    };
    await closePicker(page);
    const before = await listeners();
    expect(modelWorkers(page).length).toBe(1);
    for (let i = 0; i < 20; i++) {
      const prompt = `Prompt number ${i} of twenty`;
      await setPromptQuietly(page, prompt);
      await waitFor(
        () => tracedIds(page),
        (v) =>
          v ===
          encode(prompt)
            .map((t) => t.id)
            .join(','),
        `trace ${i}`,
      );
    }
    await page.getByRole('button', { name: /^Model: / }).click();
    await page.locator(`.picker-entry[data-model="${BUNDLED_MODEL.id}"]`).getByRole('button').click();
    await waitFor(
      () => page.locator('.model-status').getAttribute('data-model'),
      (m) => m === BUNDLED_MODEL.id,
      'the switch',
    );
    await waitForModel(page);
    await closePicker(page);
    const after = await listeners();
    console.log(
      `model workers: ${modelWorkers(page).length} (all workers: ${page.workers().length}); window/document listeners: ${JSON.stringify(after)}`,
    );
    expect(modelWorkers(page).length).toBe(1);
    expect(after).toEqual(before);
    expectNoPageErrors(s);
  });
});
