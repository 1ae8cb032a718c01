/**
 * The page on each TF.js backend: the one it picks by itself (wasm in headless Chromium,
 * whose WebGL is SwiftShader, a software rasterizer the page passes over), WebGL forced with
 * ?backend=webgl, wasm forced with ?backend=wasm, and an invalid ?backend= value,
 * which is reported and ignored. Each run's top logits are checked against the CLI,
 * and load and trace times are printed for the report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { cliTrace } from './cli-trace';
import { gotoStage, openBrowser, selectLastToken, typePrompt, url, waitForModel, withBrowser } from './helpers';
import { maxRelDiff, topIds } from './numbers';

const PROMPT = 'It was a bright cold day in April, and the clocks were striking';

async function runOn(query: string, ref: () => TraceJson, expectBackend: (b: string) => void): Promise<void> {
  await withBrowser(async ({ page }) => {
    await page.goto(url(query));
    const info = await waitForModel(page);
    expectBackend(info.backend);
    const started = Date.now();
    await typePrompt(page, PROMPT);
    const traceMs = Date.now() - started;
    const status = await page.locator('.trace-status').innerText();
    console.log(
      `${query || '(default)'}: ${info.model} on ${info.backend}, ready after ${info.loadMs} ms; new prompt shown after ${traceMs} ms (${status})`,
    );
    await selectLastToken(page);
    await gotoStage(page, 'final');
    const rows = await page
      .getByTestId('top-logits')
      .locator('tbody tr')
      .evaluateAll((els) =>
        els.map((e) => ({ id: Number(e.getAttribute('data-token-id')), logit: Number(e.getAttribute('data-logit')) })),
      );
    const cli = ref();
    expect(rows.map((r) => r.id).slice(0, 5)).toEqual(topIds(cli.logits, 5));
    expect(
      maxRelDiff(
        rows.map((r) => r.logit),
        rows.map((r) => cli.logits[r.id]),
      ),
    ).toBeLessThan(2e-3);
  });
}

describe('backends', () => {
  let ref: TraceJson | undefined;
  let model = '';
  beforeAll(async () => {
    const s = await openBrowser();
    await s.page.goto(url());
    model = (await waitForModel(s.page)).model;
    await s.close();
    ref = cliTrace(model, PROMPT);
  });

  it('passes over software WebGL (SwiftShader) for wasm by itself in headless Chromium', async () => {
    await runOn(
      '',
      () => ref!,
      (b) => expect(b).toBe('wasm'),
    );
  });

  it('runs wasm on one thread per core (the page is cross-origin isolated) and says how many', async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(url('?backend=wasm'));
      await waitForModel(page);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const status = page.locator('.model-status');
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      expect(await status.getAttribute('data-threads')).toBe(String(cores));
      expect(await status.innerText()).toContain(cores === 1 ? '(1 thread)' : `(${cores} threads)`);
    });
  });

  it('runs on WebGL with ?backend=webgl, software or not', async () => {
    await runOn(
      '?backend=webgl',
      () => ref!,
      (b) => expect(b).toBe('webgl'),
    );
  });

  it('runs on wasm with ?backend=wasm', async () => {
    await runOn(
      '?backend=wasm',
      () => ref!,
      (b) => expect(b).toBe('wasm'),
    );
  });

  it('reports an unknown ?backend= value and chooses by itself', async () => {
    await withBrowser(async ({ page }) => {
      await page.goto(url('?backend=tpu'));
      const info = await waitForModel(page);
      expect(info.backend).toBe('wasm');
      expect(await page.getByRole('status').filter({ hasText: 'tpu' }).count()).toBe(1);
    });
  });
});
