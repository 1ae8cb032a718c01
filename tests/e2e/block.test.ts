/**
 * The transformer-block stage in a real browser, checked against the CLI trace of the same
 * prompt: LayerNorm statistics from the residual stream, attention weights and the causal
 * mask on hover, the residual additions, the stream's length across layers, the GELU plot,
 * and the Chinese version of a step. Screenshots of each step go to test-results/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlockStage, PROMPT, referenceTrace, screenshot } from './block-page';
import { expectShown } from './block-page';
import { expectNoPageErrors, openBrowser, type Session } from './helpers';

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

async function openStep(page: Page, step: string): Promise<void> {
  await page.locator(`.block-steps button[data-step="${step}"]`).click();
  await page.locator(`article.block-step[data-step="${step}"]`).waitFor();
}

/** Points at cell (row, col) of the heatmap with this test id; returns the readout's value text. */
async function hoverCell(
  page: Page,
  testId: string,
  rows: number,
  cols: number,
  row: number,
  col: number,
): Promise<string> {
  const canvas = page.getByTestId(testId).locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + ((col + 0.5) * box.width) / cols, box.y + ((row + 0.5) * box.height) / rows);
  return page.getByTestId('hover-readout').innerText();
}

/** The number after a label in a sentence, e.g. "sum 20.4." -> 20.4. */
const numberAfter = (text: string, label: string): number =>
  Number(new RegExp(`${label} (-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)`).exec(text)?.[1]);

/** True when nothing inside the block stage sticks out of the window (scrolling lists clip their own content). */
const blockStageFits = (page: Page) =>
  page.evaluate(() => {
    const stage = document.querySelector('.block-stage')!;
    return stage.scrollWidth <= stage.clientWidth && stage.getBoundingClientRect().right <= window.innerWidth;
  });

const shownNumber = async (page: Page, testId: string) => Number(await page.getByTestId(testId).innerText());

describe('transformer block stage', () => {
  let s: Session;
  const T = () => referenceTrace().tokens.length;
  const position = 5;

  beforeAll(async () => {
    s = await openBrowser({ width: 1280, height: 900 });
  });
  afterAll(async () => s?.close());

  it("LayerNorm 1 shows each token's mean and std of the residual stream", async () => {
    const { page } = s;
    await openBlockStage(page);
    await page.getByTestId('token-select').selectOption(String(position));
    const { resid, model } = referenceTrace();
    for (const layer of [0, 1]) {
      await page.getByTestId('layer-select').selectOption(String(layer));
      await expect.poll(() => page.locator('#block-walkthrough-title').innerText()).toContain(`block ${layer}`);
      await page.getByTestId('ln-stats').waitFor();
      for (let t = 0; t < T(); t++) {
        const x = resid[layer][t];
        const m = mean(x);
        const std = Math.sqrt(mean(x.map((v) => (v - m) ** 2)) + model.layer_norm_epsilon);
        expectShown(await shownNumber(page, `ln-mean-${t}`), m, `layer ${layer} token ${t} mean`);
        expectShown(await shownNumber(page, `ln-std-${t}`), std, `layer ${layer} token ${t} std`);
      }
    }
    await screenshot(page, 'block-1-ln1');
  });

  it('shows attention weights on hover, and the causal mask as −∞', async () => {
    const { page } = s;
    const layer = 1;
    const head = 1;
    await page.getByTestId('head-select').selectOption(String(head));
    await openStep(page, 'softmax');
    const pattern = referenceTrace().attention[layer][head];
    for (const [q, k] of [
      [position, 0],
      [position, position],
      [T() - 1, 2],
    ]) {
      const text = await hoverCell(page, 'pattern', T(), T(), q, k);
      expect(text).toContain(`blocks.${layer}.attn.hook_pattern`);
      expect(text).toContain(`[${referenceTrace().attention[layer].length}, ${T()}, ${T()}]`);
      expectShown(Number(await page.locator('.hover-value').innerText()), pattern[q][k], `pattern[${q}][${k}]`);
    }
    // The row of the selected token adds up to 1.
    expect(await page.getByTestId('softmax-row').innerText()).toMatch(/adds up to (1|0\.9999|1\.000)/);
    await screenshot(page, 'block-4-softmax');

    await openStep(page, 'scores');
    await page.getByRole('radio', { name: '+ causal mask' }).click();
    expect(await hoverCell(page, 'scores', T(), T(), 1, 4)).toContain('−∞');
    expect(await hoverCell(page, 'scores', T(), T(), 4, 1)).not.toContain('−∞');
    await screenshot(page, 'block-3-scores');
  });

  it('adds the MLP output to the stream: the sum is the next layer boundary of the CLI trace', async () => {
    const { page } = s;
    await openStep(page, 'add2');
    const { resid } = referenceTrace();
    const text = await page.getByTestId('add2-norms').innerText();
    const sum = numberAfter(text, 'sum');
    const streamIn = numberAfter(text, 'stream in');
    expectShown(sum, norm(resid[2][position]), 'resid_post norm');
    await openStep(page, 'add1');
    const first = await page.getByTestId('add1-norms').innerText();
    expectShown(numberAfter(first, 'stream in'), norm(resid[1][position]), 'resid_pre norm');
    expect(streamIn).toBeGreaterThan(0);
    await screenshot(page, 'block-7-add1');
  });

  it("plots the residual stream's length at every layer boundary", async () => {
    const { page } = s;
    await openStep(page, 'norms');
    const text = await page.getByTestId('norms-selected').innerText();
    const shown = text
      .split(':')
      .pop()!
      .split('→')
      .map((v) => Number(v.trim()));
    const { resid } = referenceTrace();
    expect(shown).toHaveLength(resid.length);
    shown.forEach((v, l) => expectShown(v, norm(resid[l][position]), `‖resid[${l}][${position}]‖`));
    await screenshot(page, 'block-13-norms');
  });

  it('puts every hidden neuron of the token on the GELU curve', async () => {
    const { page } = s;
    await openStep(page, 'gelu');
    const n = 4 * referenceTrace().model.n_embd;
    await expect.poll(() => page.getByTestId('gelu-curve').locator('g.points circle').count()).toBe(n);
    expect(await page.getByTestId('gelu-numbers').innerText()).toContain(`of ${n} neurons`);
    await screenshot(page, 'block-10-gelu');
  });

  it('speaks Chinese when asked, with the same numbers', async () => {
    const { page } = s;
    await openStep(page, 'ln1');
    const english = await page.getByTestId(`ln-mean-${position}`).innerText();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.locator('article.block-step h3').innerText()).toContain('层归一化');
    expect(await page.getByRole('region', { name: '注意力' }).count()).toBe(1);
    expect(await page.getByTestId(`ln-mean-${position}`).innerText()).toBe(english);
    await screenshot(page, 'block-zh');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
    expect(PROMPT.length).toBeGreaterThan(0);
    if (s.pageErrors.length > 0) console.log('page errors:', s.pageErrors);
    expectNoPageErrors(s);
  });

  it('steps through every sub-step at 375 px, nothing sticking out sideways', async () => {
    const phone = await openBrowser({ width: 375, height: 800 });
    try {
      await openBlockStage(phone.page);
      for (const step of [
        'ln1',
        'qkv',
        'scores',
        'softmax',
        'mix',
        'project',
        'add1',
        'ln2',
        'mlpUp',
        'gelu',
        'mlpDown',
        'add2',
        'norms',
      ]) {
        await openStep(phone.page, step);
        expect(await blockStageFits(phone.page), step).toBe(true);
      }
      await phone.page
        .locator('.block-walkthrough')
        .screenshot({ path: 'test-results/screenshots/block-phone-norms.png' });
      expectNoPageErrors(phone);
    } finally {
      await phone.close();
    }
  });
});
