/**
 * The views beyond the stages, in a real browser on the committed tiny-random model,
 * checked against the CLI trace and the weights read in Node: logit lens, surprisal,
 * embedding explorer, Q/K neuron view and MLP neurons, parameter tally, chart export,
 * and a shared link that restores the view. Screenshots go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestParameterCount } from '../../src/analysis/param-tally';
import { rankOf } from '../../src/analysis/analogy';
import { cosine, nearest, rowNorms, rowOf, signedSum } from '../../src/analysis/vectors';
import { dirSource } from '../../src/node/node-source';
import { loadWeights } from '../../src/weights/weights';
import { encode } from '../../src/tokenizer';
import { MODEL, PROMPT, referenceTrace, screenshot } from './block-page';
import { auditCharts, checkExport, type ChartAudit } from './chart-export';
import { expectNoPageErrors, openBrowser, url, waitFor, waitForModel, type Session } from './helpers';

const numbers = (page: Page, selector: string, attr: string) =>
  page.locator(selector).evaluateAll((els, a) => els.map((e) => e.getAttribute(a as string)), attr);

async function openStage(page: Page, label: string): Promise<void> {
  await page.locator('.overview button', { hasText: label }).first().click();
}

describe('explore views', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser({ width: 1280, height: 900 });
    await s.page.goto(url(`?model=${MODEL}&prompt=${encodeURIComponent(PROMPT)}`));
    await waitForModel(s.page);
  });
  afterAll(async () => s?.close());

  it('surprisal colours each token by -log2 p from the previous position, and says the first has none', async () => {
    const { page } = s;
    await openStage(page, 'ln_f');
    const region = page.getByRole('region', { name: 'Surprisal' });
    await region.locator('g.surprisal-token').first().waitFor();
    const ref = referenceTrace();
    const bits = await numbers(page, '[data-testid=surprisal-chart] g.surprisal-token', 'data-bits');
    expect(bits).toHaveLength(ref.tokens.length);
    expect(bits[0]).toBe('');
    for (let t = 1; t < ref.tokens.length; t++) {
      const expected = -ref.next_token_logprobs[t - 1]! / Math.LN2;
      expect(Math.abs(Number(bits[t]) - expected), `token ${t}`).toBeLessThan(1e-3 * expected + 1e-3);
    }
    // The first token: an honest "no prediction".
    await region.locator('g.surprisal-token').first().click();
    await expect.poll(() => region.getByTestId('surprisal-detail').innerText()).toMatch(/no surprisal/);
    await region.locator('g.surprisal-token').nth(3).click();
    await expect.poll(() => region.getByTestId('surprisal-guesses').locator('tbody tr').count()).toBeGreaterThan(0);
    await region.screenshot({ path: 'test-results/screenshots/explore-surprisal.png' });
  });

  it('logit lens: a layers x positions grid whose output row matches the real next-token probabilities', async () => {
    const { page } = s;
    const region = page.getByRole('region', { name: 'Logit lens' });
    const ref = referenceTrace();
    const L = ref.model.n_layer;
    await expect.poll(() => region.locator('g.lens-cell').count()).toBe((L + 1) * ref.tokens.length);
    await region.getByRole('radio', { name: /actual next token/ }).check();
    const last = await region
      .locator(`g.lens-cell[data-layer="${L}"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    for (let t = 0; t < ref.tokens.length - 1; t++) {
      expect(Number(last[t])).toBeCloseTo(Math.exp(ref.next_token_logprobs[t]!), 4);
    }
    expect(last[ref.tokens.length - 1]).toBe('');
    // Hover shows the top five; click follows the cell in the text below.
    const cell = region.locator('g.lens-cell[data-layer="1"][data-position="2"]');
    await cell.hover();
    await expect.poll(() => page.locator('#chart-tooltip').innerText()).toMatch(/top 5/);
    await cell.click();
    const detail = region.getByTestId('lens-detail');
    await expect.poll(() => detail.getAttribute('data-layer')).toBe('1');
    expect(await detail.getAttribute('data-position')).toBe('2');
    // Keyboard: the arrows move the focused cell.
    await region.getByTestId('lens-chart').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => detail.getAttribute('data-layer')).toBe('2');
    await region.screenshot({ path: 'test-results/screenshots/explore-logit-lens.png' });
  });

  it('exports a chart as SVG and PNG files', async () => {
    const { page } = s;
    const region = page.getByRole('region', { name: 'Logit lens' });
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      region.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('logit-lens.svg');
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('lens-cell');
    expect(svgText).toContain('fill:');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      region.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('logit-lens.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    // 2x: the image is twice the chart's width on screen.
    const width = bytes.readUInt32BE(16);
    const shown = (await region.getByTestId('lens-chart').boundingBox())!.width;
    expect(Math.abs(width - 2 * shown)).toBeLessThanOrEqual(4);
  });

  it('every chart on every stage and block step has export buttons, and each exports a parseable SVG and a 2x PNG', async () => {
    const { page } = s;
    const exported = new Set<string>();
    const exportAll = async (view: string) => {
      // The view's charts are drawn once ten readings in a row (about a second) agree.
      let last = '';
      let agreeing = 0;
      const audit = await waitFor<ChartAudit>(
        async () => auditCharts(page),
        (a) => {
          agreeing = JSON.stringify(a) === last ? agreeing + 1 : 0;
          last = JSON.stringify(a);
          return agreeing >= 10;
        },
        `the charts of ${view}`,
        30_000,
      );
      expect(audit.orphans, `charts without export buttons on ${view}`).toEqual([]);
      for (const name of audit.exportable.filter((n) => !exported.has(n))) {
        exported.add(name);
        const check = await checkExport(page, name);
        const what = `${view}: "${name}"`;
        expect(check.svg.parsed, what).toBe(true);
        expect(Math.abs(check.svg.width - check.shown.width), `${what} SVG width`).toBeLessThanOrEqual(2);
        expect(Math.abs(check.svg.height - check.shown.height), `${what} SVG height`).toBeLessThanOrEqual(2);
        expect([check.png.width, check.png.height], `${what} PNG size`).toEqual([
          2 * check.svg.width,
          2 * check.svg.height,
        ]);
        expect(check.png.colours, `${what} PNG colours`).toBeGreaterThan(2);
        // Canvas layers (heatmap cells, the head grid's bars) come out as images with their pixels.
        expect(check.svg.images, `${what} canvas layers`).toBe(check.canvases);
        expect(check.svg.blankImages, `${what} blank canvas layers`).toBe(0);
      }
    };
    const stages = page.locator('.overview button');
    for (let i = 0; i < (await stages.count()); i++) {
      await stages.nth(i).click();
      const stage = await page.locator('section.stage').getAttribute('data-stage');
      const steps = page.locator('.block-steps button[data-step]');
      if ((await steps.count()) === 0) {
        await exportAll(`stage ${stage}`);
        continue;
      }
      for (let j = 0; j < (await steps.count()); j++) {
        const step = await steps.nth(j).getAttribute('data-step');
        await steps.nth(j).click();
        await page.locator(`article.block-step[data-step="${step}"]`).waitFor();
        await exportAll(`stage ${stage}, step ${step}`);
      }
    }
    for (const name of [
      'Attention lines',
      'Attention in every layer and head',
      'GELU curve',
      'Residual norms across layers',
      'Logit lens',
      'Surprisal',
    ]) {
      expect([...exported]).toContain(name);
    }
  });

  it('parameter tally fills up stage by stage to the manifest total', async () => {
    const { page } = s;
    const tally = page.getByRole('region', { name: 'Parameter tally' });
    const total = manifestParameterCount(JSON.parse(readFileSync(`weights/${MODEL}/model.json`, 'utf8')));
    expect(Number(await tally.getAttribute('data-total'))).toBe(total);
    // On the final stage every weight has been used.
    expect(Number(await tally.getAttribute('data-used'))).toBe(total);
    await openStage(page, 'tokens');
    await expect.poll(async () => Number(await tally.getAttribute('data-used'))).toBe(0);
    await openStage(page, 'embed');
    await expect.poll(async () => Number(await tally.getAttribute('data-used'))).toBe(50257 * 64);
    await tally.locator('summary').click();
    await tally.screenshot({ path: 'test-results/screenshots/explore-tally.png' });
  });

  it('embedding explorer: nearest tokens to king - man + woman match the weights, inputs excluded', async () => {
    const { page } = s;
    const region = page.getByRole('region', { name: 'Embedding explorer' });
    const list = region.getByTestId('explorer-neighbours');
    await list.locator('li').first().waitFor({ timeout: 60_000 });
    const shown = (await numbers(page, '[data-testid=explorer-neighbours] li', 'data-token-id')).map(Number);

    const { tensors } = await loadWeights(dirSource(`weights/${MODEL}`));
    const wte = tensors.get('wte.weight')!;
    const m = { rows: wte.shape[0], cols: wte.shape[1], data: wte.data };
    const [king, man, woman] = [' king', ' man', ' woman'].map((w) => encode(w)[0].id);
    const sum = signedSum([
      { sign: 1, vector: rowOf(m, king) },
      { sign: -1, vector: rowOf(m, man) },
      { sign: 1, vector: rowOf(m, woman) },
    ]);
    const inputs = new Set([king, man, woman]);
    const expected = nearest(m, rowNorms(m), sum, shown.length, inputs).map((n) => n.id);
    expect(shown).toEqual(expected);
    // Where " queen" (the expected answer by default) comes on this model, measured live.
    const answer = region.getByTestId('explorer-answer');
    const queen = encode(' queen')[0].id;
    const { rank } = rankOf(m, rowNorms(m), sum, queen, inputs);
    expect(await answer.getAttribute('data-kind')).toBe(rank <= shown.length ? 'listed' : 'beyond');
    expect(Number(await answer.getAttribute('data-cosine'))).toBeCloseTo(cosine(rowOf(m, queen), sum), 5);
    expect(await answer.innerText()).toMatch(/Measured on the loaded model: ␣queen/);
    expect(shown).not.toContain(king);
    expect(await region.innerText()).toMatch(/excluded/);
    // The comparison table and the projection are there, one row and one point per token.
    expect(await region.getByTestId('explorer-pairs').locator('tbody tr').count()).toBe(8);
    expect(await region.getByTestId('explorer-pca').locator('g.point').count()).toBe(9);
    // A multi-token word gets a one-line explanation, not a crash.
    await region.getByRole('textbox', { name: /Sum of tokens/ }).fill('king - antidisestablishmentarianism');
    await region.getByRole('button', { name: 'Explore' }).click();
    await expect.poll(() => region.getByRole('alert').innerText()).toMatch(/tokens/);
    await region.screenshot({ path: 'test-results/screenshots/explore-embeddings.png' });
  });

  it('neuron views: the products add up to the score, and the MLP lists its most active neurons', async () => {
    const { page } = s;
    await openStage(page, 'block');
    const region = page.getByRole('region', { name: 'Neuron view' });
    const sum = region.getByTestId('neuron-sum');
    await sum.waitFor({ timeout: 60_000 });
    const [summed, traced, scaled] = await Promise.all(
      ['data-sum', 'data-traced', 'data-scaled'].map((a) => sum.getAttribute(a)),
    );
    expect(Number(summed)).toBeCloseTo(Number(traced), 3);
    expect(Number(scaled)).toBeCloseTo(Number(traced) / Math.sqrt(32), 4);
    await region.getByRole('combobox', { name: 'Key token' }).selectOption('0');
    await expect.poll(async () => Number(await sum.getAttribute('data-weight'))).toBeGreaterThan(0);
    const mlp = page.getByRole('region', { name: 'MLP neurons' });
    const posts = (await numbers(page, '[data-testid=mlp-top] tbody tr', 'data-post')).map(Number);
    expect(posts.length).toBe(10);
    for (let i = 1; i < posts.length; i++) expect(posts[i - 1]).toBeGreaterThanOrEqual(posts[i]);
    await mlp.locator('tbody tr').nth(2).locator('td').first().getByRole('button').click();
    const chosen = await mlp.locator('tbody tr').nth(2).getAttribute('data-neuron');
    await expect.poll(() => mlp.getByTestId('mlp-across').getAttribute('data-neuron')).toBe(chosen);
    expect(await mlp.getByTestId('mlp-across').locator('rect.bar').count()).toBe(referenceTrace().tokens.length);
    await region.screenshot({ path: 'test-results/screenshots/explore-neuron-view.png' });
    await mlp.screenshot({ path: 'test-results/screenshots/explore-mlp-neurons.png' });
    expectNoPageErrors(s);
  });

  it('a shared link restores prompt, settings, stage, layer, head and token; garbage falls back to defaults', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Copy link' }).click();
    const link = url(
      `?model=${MODEL}&prompt=${encodeURIComponent('A shared prompt about cats')}&t=0.7&k=5&p=0.9&seed=7&stage=blocks&layer=1&head=1&token=3`,
    );
    await page.goto(link);
    await waitForModel(page);
    await page.getByRole('region', { name: 'Neuron view' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe('A shared prompt about cats');
    expect(await page.getByRole('region', { name: 'Neuron view' }).innerText()).toMatch(/head 1, layer 1/);
    expect(await page.getByRole('region', { name: 'Neuron view' }).innerText()).toMatch(/#3/);
    const params = new URL(page.url()).searchParams;
    expect([
      params.get('t'),
      params.get('k'),
      params.get('p'),
      params.get('seed'),
      params.get('layer'),
      params.get('token'),
    ]).toEqual(['0.7', '5', '0.9', '7', '1', '3']);
    await screenshot(page, 'explore-shared-link');

    await page.goto(url(`?model=${MODEL}&t=banana&k=-4&p=NaN&seed=&stage=%3Cscript%3E&layer=99&head=-1&token=1e9`));
    await waitForModel(page);
    const fixed = new URL(page.url()).searchParams;
    expect(fixed.get('t')).toBe('1');
    expect(fixed.get('k')).toBe('0');
    expect(fixed.get('p')).toBe('1');
    expect(fixed.get('layer')).toBe('1'); // clamped to the model's last layer
    expect(fixed.get('head')).toBe('0');
    expect(await page.locator('.stage').getAttribute('data-stage')).toBe('tokens');
    expectNoPageErrors(s);
  });
});
