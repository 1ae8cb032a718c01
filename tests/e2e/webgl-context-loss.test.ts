/**
 * The WebGL context is lost in the middle of a trace (a GPU reset, a driver update, the
 * browser reclaiming GPUs). The context lives in the model worker's OffscreenCanvas, out of
 * reach of page scripts, so the worker's script is served with a first line that keeps
 * every WebGL context it creates and calls WEBGL_lose_context on them when a request for
 * one chosen prompt arrives: the loss happens as that prompt's trace starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { cliTrace } from './cli-trace';
import { expectNoPageErrors, gotoStage, openBrowser, typePrompt, url, waitFor, waitForModel, type Session } from './helpers';
import { maxRelDiff, topIds } from './numbers';

const LOSING_PROMPT = 'The context is lost right here';
const NEXT_PROMPT = 'And the page carries on';

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
    await s.context.route('**/assets/model.worker-*.js', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: inject + (await response.text()) });
    });
  });
  afterAll(async () => s?.close());

  it('shows no numbers from the lost context, says what happened, and the next prompt runs on a fresh context', async () => {
    const { page } = s;
    await page.goto(url('?model=tiny-random&backend=webgl'));
    const info = await waitForModel(page);
    expect(info.backend).toBe('webgl');
    await gotoStage(page, 'softmax');
    await page.getByRole('textbox', { name: 'Prompt' }).fill(LOSING_PROMPT);
    const lostIds = encode(LOSING_PROMPT).map((t) => t.id).join(',');
    const error = page.locator('main p.error');
    const seen = async () => `${(await error.allInnerTexts()).join(' ')} [status: ${await page.locator('.trace-status').innerText()}]`;
    await waitFor(seen, (t) => /WebGL context was lost/.test(t), 'the loss to be reported', 60_000);
    console.log(`shown after the loss: ${(await error.allInnerTexts()).join(' | ')}`);
    expect(await page.locator('section.stage').getAttribute('data-traced-ids')).not.toBe(lostIds);

    await typePrompt(page, NEXT_PROMPT);
    const ref = cliTrace('tiny-random', NEXT_PROMPT);
    const bars = await page
      .getByTestId('probability-bars')
      .locator('g.bar')
      .evaluateAll((els) => els.map((e) => ({ id: Number(e.getAttribute('data-token-id')), logit: Number(e.getAttribute('data-logit')) })));
    expect(bars[0].id).toBe(topIds(ref.logits, 1)[0]);
    expect(maxRelDiff(bars.map((b) => b.logit), bars.map((b) => ref.logits[b.id]))).toBeLessThan(2e-3);
    expect(await page.locator('.model-status').getAttribute('data-backend')).toBe('webgl');
    expectNoPageErrors(s);
  });
});
