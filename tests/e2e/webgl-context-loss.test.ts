/**
 * The WebGL context is lost in the middle of a trace (a GPU reset, a driver update, the
 * browser reclaiming GPUs). The context lives in the model worker's OffscreenCanvas, out of
 * reach of page scripts, so the first worker's script is served with a first line that
 * keeps every WebGL context it creates and calls WEBGL_lose_context on them when a request
 * for one chosen prompt arrives: the loss happens as that prompt's trace starts. The fresh
 * worker the page starts afterwards gets the script as built.
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

const LOSING_PROMPT = 'The context is lost right here';

function loseContextOn(ids: number[]): string {
  const trigger = JSON.stringify(ids.join(','));
  return (
    '(() => { const contexts = []; const get = OffscreenCanvas.prototype.getContext;' +
    ' OffscreenCanvas.prototype.getContext = function (type, ...rest) { const c = get.call(this, type, ...rest); if (c && /webgl/.test(type)) contexts.push(c); return c; };' +
    ` self.addEventListener('message', (e) => { if (JSON.stringify(e.data).includes(${trigger})) for (const c of contexts) c.getExtension('WEBGL_lose_context')?.loseContext(); });` +
    ' })();\n'
  );
}

describe('WebGL context lost mid-run', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
    const inject = loseContextOn(encode(LOSING_PROMPT).map((t) => t.id));
    await prefixWorkerScript(s.context, (served) => (served === 0 ? inject : ''));
  });
  afterAll(async () => s?.close());

  it('shows no numbers from the lost context, says what happened, and re-runs the prompt on a fresh context', async () => {
    const { page } = s;
    await page.goto(url('?model=tiny-random&backend=webgl'));
    const info = await waitForModel(page);
    expect(info.backend).toBe('webgl');
    await gotoStage(page, 'softmax');
    const stage = page.locator('section.stage');
    const before = await stage.getAttribute('data-traced-ids');
    const lostIds = encode(LOSING_PROMPT)
      .map((t) => t.id)
      .join(',');
    const started = Date.now();
    await page.getByRole('textbox', { name: 'Prompt' }).fill(LOSING_PROMPT);

    // Until the re-run answers, the view keeps the previous prompt's numbers: none from the lost context.
    const seen = async () => ({
      ids: await stage.getAttribute('data-traced-ids'),
      notice: (await page.locator('main .trace-recovered').allInnerTexts()).join(' '),
    });
    const states: string[] = [];
    const end = await waitFor(
      async () => {
        const now = await seen();
        states.push(
          now.ids === lostIds
            ? `traced, notice "${now.notice}"`
            : now.ids === before
              ? 'previous prompt'
              : `other ${now.ids}`,
        );
        return now;
      },
      (v) => v.ids === lostIds && v.notice !== '',
      'the prompt to be traced again after the loss',
      120_000,
    );
    const recoveredMs = Date.now() - started;
    console.log(
      `recovered trace shown ${recoveredMs} ms after the edit (250 ms debounce included); notice: ${end.notice}`,
    );
    // Never the lost prompt without the notice (numbers from the lost context), nor anything else.
    expect(states.filter((v) => v !== 'previous prompt' && !/^traced, notice "The model worker/.test(v))).toEqual([]);
    expect(end.notice).toBe(
      'The model worker stopped (the WebGL context was lost); a fresh worker was started and ran this prompt again.',
    );
    expect(await page.locator('main p.error').count()).toBe(0);
    await screenshot(page, 'webgl-context-recovered');

    await expectBarsOfCli(page, 'tiny-random', LOSING_PROMPT);
    expect(await page.locator('.model-status').getAttribute('data-backend')).toBe('webgl');
    // The dead worker leaves page.workers() when Chromium reports it closed, which can come a moment later.
    await expect.poll(() => modelWorkers(page).length, { timeout: 10_000 }).toBe(1);
    expectNoPageErrors(s);
  });
});
