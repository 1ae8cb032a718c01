/**
 * Every stage shows this prompt's real numbers: the page's values are compared with the
 * command-line trace of the same prompt and model (npm run trace --json), computed in Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { cliTrace } from './cli-trace';
import {
  expectNoPageErrors,
  gotoStage,
  jsonAttr,
  openBrowser,
  typePrompt,
  url,
  waitForModel,
  type Session,
} from './helpers';
import { maxRelDiff, norm, topIds } from './numbers';

const PROMPT = 'The news of the day was told in the city';
/** WebGL (float32 on SwiftShader) and the CLI's backend differ in summation order only. */
const TOL = 2e-3;

describe('every stage shows the prompt’s numbers', () => {
  let s: Session;
  let ref: TraceJson;
  let ids: number[];
  let last: number;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(url());
    const info = await waitForModel(s.page);
    ids = await typePrompt(s.page, PROMPT);
    last = ids.length - 1;
    ref = cliTrace(info.model, PROMPT);
  });
  afterAll(async () => s?.close());

  it('tokens: the same ids as the CLI', async () => {
    const region = s.page.getByRole('region', { name: 'Tokens' });
    const shown = await region
      .getByRole('button')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-token-id'))));
    expect(shown).toEqual(ref.tokens.map((t) => t.id));
    expect(shown).toEqual(ids);
    // Select the last token: the CLI reports the prediction made there.
    await region.getByRole('button').last().click();
    expect(await region.locator('[aria-pressed="true"]').getAttribute('data-position')).toBe(String(last));
  });

  it('embedding and position: W_E row + W_P row = the residual stream start of the CLI', async () => {
    await gotoStage(s.page, 'embed');
    expect(await s.page.getByRole('region', { name: 'Token embedding' }).isVisible()).toBe(true);
    const embed = await jsonAttr<number[]>(s.page, 'embed-row', 'data-values');
    await gotoStage(s.page, 'position');
    const pos = await jsonAttr<number[]>(s.page, 'pos-row', 'data-values');
    const resid0 = await jsonAttr<number[]>(s.page, 'resid0-row', 'data-values');
    expect(
      maxRelDiff(
        embed.map((e, i) => e + pos[i]),
        resid0,
      ),
    ).toBeLessThan(1e-6);
    expect(maxRelDiff(resid0, ref.resid[0][last].slice(0, resid0.length))).toBeLessThan(TOL);
  });

  it('blocks: the stage is there and names itself', async () => {
    await gotoStage(s.page, 'blocks');
    expect(await s.page.getByRole('region', { name: 'Transformer blocks' }).isVisible()).toBe(true);
    expect(await s.page.getByRole('region', { name: 'Attention' }).count()).toBeGreaterThan(0);
  });

  it('final: residual norms and the top logits of the CLI', async () => {
    await gotoStage(s.page, 'final');
    const norms = await jsonAttr<number[]>(s.page, 'resid-norms', 'data-norms');
    expect(
      maxRelDiff(
        norms,
        ref.resid.map((layer) => norm(layer[last])),
      ),
    ).toBeLessThan(TOL);
    const rows = s.page.getByTestId('top-logits').locator('tbody tr');
    const shown = await rows.evaluateAll((els) =>
      els.map((e) => ({ id: Number(e.getAttribute('data-token-id')), logit: Number(e.getAttribute('data-logit')) })),
    );
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.map((r) => r.id).slice(0, 5)).toEqual(topIds(ref.logits, 5));
    expect(
      maxRelDiff(
        shown.map((r) => r.logit),
        shown.map((r) => ref.logits[r.id]),
      ),
    ).toBeLessThan(TOL);
  });

  it('arrow keys step through stages, except while typing in the prompt', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Stage 1: tokens' }).click();
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('embed');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('tokens');
    await page.getByRole('textbox', { name: 'Prompt' }).press('ArrowRight');
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('tokens');
  });

  it('softmax and generate stages name themselves', async () => {
    await gotoStage(s.page, 'softmax');
    expect(await s.page.getByRole('region', { name: 'Softmax and sampling' }).isVisible()).toBe(true);
    await gotoStage(s.page, 'generate');
    expect(await s.page.getByRole('region', { name: 'Generate' }).isVisible()).toBe(true);
    expectNoPageErrors(s);
  });
});
