/**
 * The first screen does the whole job with no stepping: type a prompt (the overview and the
 * next-token bars show its numbers, checked against the CLI trace), drag the temperature
 * (softmax(logits / T), no new forward pass), click a token (its heads match the CLI's
 * attention). Every part of the overview opens its stage; a link restores the token view;
 * the GPT-2 small invitation says what runs, and its "not now" is remembered.
 * Screenshots at 375 and 1400 px in both languages go to test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { drawnLines, expectSameLines, linesOf } from './attention-lines';
import { cliTrace } from './cli-trace';
import { expectNoPageErrors, openBrowser, typePrompt, url, waitForModel, settledUrl, type Session } from './helpers';
import { maxRelDiff, norm, softmax, topIds } from './numbers';
import { barsIn } from './shown-bars';

const PROMPT = 'The children ran down to the river and';
const DIR = 'test-results/screenshots';

/** The first screen's next-token bars: id, logit, probability. */
const nextBars = (s: Session) =>
  barsIn(s.page.getByRole('region', { name: 'Next token' }).getByTestId('next-token-bars'));

const NEXT_FIGURE = '.first-next figure.bars-figure';

/**
 * Keeps the first next-token figure the page draws, and its text then. The figure has to be
 * the same element once the bars are in: a new one would be measured, which forces a layout
 * of the page inside the task that shows the first trace.
 */
const WATCH_FIRST_FIGURE = `new MutationObserver((_, observer) => {
  const figure = document.querySelector(${JSON.stringify(NEXT_FIGURE)});
  if (!figure) return;
  window.__firstFigure = { figure, text: figure.textContent };
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });`;

describe('the first screen', () => {
  let s: Session;
  let ref: TraceJson;
  let model: string;
  let ids: number[];

  beforeAll(async () => {
    s = await openBrowser({ width: 1400, height: 900 });
    await s.page.addInitScript(WATCH_FIRST_FIGURE);
    await s.page.goto(url());
    model = (await waitForModel(s.page)).model;
  });
  afterAll(async () => s?.close());

  it('has the prompt, the tokens, the temperature and the next token on load, with no navigation', async () => {
    const { page } = s;
    expect(await page.getByRole('textbox', { name: 'Prompt' }).isVisible()).toBe(true);
    const tokens = page.getByRole('region', { name: 'Tokens' });
    expect(await tokens.getByRole('button').count()).toBeGreaterThan(0);
    expect(await page.getByRole('slider', { name: 'Temperature' }).isVisible()).toBe(true);
    const next = page.getByRole('region', { name: 'Next token' });
    await expect.poll(() => next.locator('g.bar').count()).toBe(10);
    expect(await next.textContent()).toMatch(/\d+(\.\d+)?%/);
    const first = await page.evaluate((selector) => {
      const seen = (window as unknown as { __firstFigure?: { figure: Element; text: string } }).__firstFigure;
      return seen && { text: seen.text, same: seen.figure === document.querySelector(selector) };
    }, NEXT_FIGURE);
    expect(first).toEqual({ text: 'Waiting for the model…', same: true });
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('tokens');
  });

  it('shows a typed prompt’s numbers: residual norms in the overview, next-token bars, as the CLI computes them', async () => {
    const { page } = s;
    ids = await typePrompt(page, PROMPT);
    ref = cliTrace(model, PROMPT);
    const last = ids.length - 1;
    const overview = page.getByTestId('model-overview');
    await expect.poll(() => overview.getAttribute('data-norms')).not.toBe('[]');
    const norms = JSON.parse((await overview.getAttribute('data-norms'))!) as number[];
    expect(
      maxRelDiff(
        norms,
        ref.resid.map((layer) => norm(layer[last])),
      ),
    ).toBeLessThan(2e-3);
    // Each block's door is there, and its drawn figure is that block's output norm.
    const n = ref.model.n_layer;
    expect(await overview.locator('g.overview-part[data-part=attn]').count()).toBe(n);
    const shown = await overview
      .locator('g.overview-norm')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-norm'))));
    expect(maxRelDiff(shown, norms.slice(1))).toBeLessThan(1e-6);
    const bars = await nextBars(s);
    expect(bars.map((b) => b.id)).toEqual(topIds(ref.logits, 10));
    const expected = softmax(ref.logits, 1);
    expect(
      maxRelDiff(
        bars.map((b) => b.logit),
        bars.map((b) => ref.logits[b.id]),
      ),
    ).toBeLessThan(2e-3);
    expect(
      maxRelDiff(
        bars.map((b) => b.prob),
        bars.map((b) => expected[b.id]),
      ),
    ).toBeLessThan(5e-3);
    const top3 = await overview.locator('g.overview-next text.overview-next-p').allTextContents();
    expect(top3).toHaveLength(3);
  });

  it('follows softmax(logits / T) as the slider is dragged, without a new forward pass', async () => {
    const { page } = s;
    const slider = page.getByRole('slider', { name: 'Temperature' });
    const box = (await slider.boundingBox())!;
    const status = await page.locator('.trace-status').innerText();
    for (const fraction of [0.2, 0.75]) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const T = Number(await page.getByTestId('temperature-value').innerText());
      expect(Math.abs(T - 2 * fraction)).toBeLessThan(0.1);
      const expected = softmax(ref.logits, T);
      const bars = await nextBars(s);
      expect(
        maxRelDiff(
          bars.map((b) => b.prob),
          bars.map((b) => expected[b.id]),
        ),
      ).toBeLessThan(5e-3);
    }
    expect(await page.locator('.trace-status').innerText()).toBe(status);
    await slider.fill('1');
  });

  it('shows where a clicked token’s heads look, as the CLI’s attention says, one click from the full view', async () => {
    const { page } = s;
    const position = 3;
    await page.getByRole('region', { name: 'Tokens' }).getByRole('button').nth(position).click();
    const region = page.getByRole('region', { name: 'Attention' });
    await expect.poll(() => region.getAttribute('data-position')).toBe(String(position));
    const heads = ref.attention[0].map((_, h) => h);
    await expect.poll(async () => (await drawnLines(s, region)).length).toBeGreaterThan(0);
    expectSameLines(await drawnLines(s, region), linesOf(ref.attention[0], position, 'from', heads));
    // Every layer x head at a glance; a cell chooses the layer whose lines are drawn.
    const cells = region.locator('[data-testid=head-grid] rect.cell');
    expect(await cells.count()).toBe(ref.model.n_layer * ref.model.n_head);
    const layer = ref.model.n_layer - 1;
    await region.locator(`[data-testid=head-grid] rect.cell[data-layer="${layer}"][data-head="0"]`).click();
    await expect.poll(() => region.innerText()).toContain(`Lines: layer ${layer}.`);
    expectSameLines(await drawnLines(s, region), linesOf(ref.attention[layer], position, 'from', heads));
    mkdirSync(DIR, { recursive: true });
    await page.screenshot({ path: `${DIR}/first-1400-en-attention.png` });
    // The link carries the token view.
    expect(page.url()).toMatch(/[?&]inspect=1/);
    expect(page.url()).toContain(`token=${position}`);
    await region.getByRole('button', { name: 'Open the full attention view' }).click();
    await expect.poll(() => page.locator('section.stage').getAttribute('data-stage')).toBe('blocks');
    // One view of the token at a time: the full one below.
    expect(await page.getByRole('region', { name: 'Attention' }).count()).toBe(1);
    expect(await page.getByTestId('attention-view').isVisible()).toBe(true);
  });

  it('restores the token view from a shared link', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Stage 1: tokens' }).click();
    const link = await settledUrl(page);
    await page.goto(link);
    await waitForModel(page);
    const region = page.getByRole('region', { name: 'Attention' });
    await expect.poll(() => region.getAttribute('data-position')).toBe('3');
    expect(await page.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe(PROMPT);
    await region.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByRole('region', { name: 'Attention' }).count()).toBe(0);
    expect(await settledUrl(page)).not.toMatch(/inspect=/);
  });

  it('opens each part’s stage (and layer) from the overview, by click and by keyboard', async () => {
    const { page } = s;
    const overview = page.getByTestId('model-overview');
    const stage = () => page.locator('section.stage').getAttribute('data-stage');
    await overview.locator('g.overview-part[data-part=mlp][data-layer="1"]').click();
    await expect.poll(stage).toBe('blocks');
    await expect.poll(() => page.url()).toMatch(/[?&]layer=1(&|$)/);
    await overview.locator('g.overview-part[data-part=softmax]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(stage).toBe('softmax');
    await overview.locator('g.overview-part[data-part=pos]').click();
    await expect.poll(stage).toBe('position');
    await page.getByRole('button', { name: /^The prompt’s tokens: open the tokenizer/ }).click();
    await expect.poll(stage).toBe('tokens');
  });

  it('moves data through the model on a new prompt, and nothing moves under prefers-reduced-motion', async () => {
    const { page } = s;
    const pulses = () => page.locator('circle.overview-pulse').count();
    await page.getByRole('textbox', { name: 'Prompt' }).fill('Rain fell on the');
    await expect.poll(pulses, { timeout: 60_000, interval: 20 }).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await typePrompt(page, 'Snow fell on the hills');
    for (let i = 0; i < 10; i++) {
      expect(await pulses()).toBe(0);
      await page.waitForTimeout(50);
    }
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expectNoPageErrors(s);
  });

  it('says what is running and offers GPT-2 small with its size; “not now” is remembered', async () => {
    const { page } = s;
    const offer = page.getByRole('complementary', { name: 'GPT-2 small' });
    await expect.poll(() => offer.isVisible()).toBe(true);
    const text = await offer.innerText();
    expect(text).toContain(`${ref.model.n_layer} layers`);
    expect(text).toContain('GPT-2 small has 12 layers');
    expect(text).toContain('124,439,808');
    expect(await offer.getByRole('button', { name: 'Download GPT-2 small (548.1 MB)' }).isVisible()).toBe(true);
    await offer.getByRole('button', { name: 'Not now' }).click();
    expect(await offer.count()).toBe(0);
    await page.reload();
    await waitForModel(page);
    await page.waitForTimeout(500);
    expect(await page.getByRole('complementary', { name: 'GPT-2 small' }).count()).toBe(0);
    expectNoPageErrors(s);
  });
});

describe('first-screen screenshots', () => {
  const sessions: Session[] = [];
  afterAll(async () => Promise.all(sessions.map((x) => x.close())));

  for (const width of [375, 1400]) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${width} px, ${lang}: no sideways scrolling, a token clicked`, async () => {
        const s = await openBrowser({ width, height: width < 600 ? 800 : 900 });
        sessions.push(s);
        const { page } = s;
        await page.addInitScript((l) => localStorage.setItem('forward-pass.lang', l), lang);
        await page.goto(url());
        await waitForModel(page);
        await page.waitForTimeout(1500);
        mkdirSync(DIR, { recursive: true });
        const name = `${DIR}/first-${width}-${lang === 'en' ? 'en' : 'zh'}`;
        await page.screenshot({ path: `${name}.png` });
        await page
          .getByRole('region', { name: lang === 'en' ? 'Tokens' : '词元', exact: true })
          .getByRole('button')
          .nth(3)
          .click();
        await page.locator('.first-attention [data-testid=head-grid] rect.cell').first().waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: `${name}-token.png`, fullPage: true });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBe(0);
        expectNoPageErrors(s);
      });
    }
  }
});
