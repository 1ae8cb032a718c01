/**
 * GPT-2 from the Hub in the real page: the picker downloads a checkpoint from a local
 * stand-in for the Hugging Face Hub (?hub=<its address>), the worker verifies, converts and
 * caches it, and the model runs. A later visit opens on it. Then, with the server gone, the page loads it again from
 * Cache Storage; and a model that cannot load is reported, with the bundled one offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCheckpoint } from '../weights/checkpoint-builder';
import { startFakeHub, type FakeHub } from '../hub/fake-hub';
import { expectNoPageErrors, openBrowser, url, waitForModel, type Session } from './helpers';

// A small GPT-2 with the real vocabulary, so the page's tokenizer ids are all valid.
const config = { n_layer: 2, n_head: 2, n_embd: 16, n_positions: 64, vocab_size: 50257, layer_norm_epsilon: 1e-5 };
const checkpoint = makeCheckpoint(config, { seed: 11 });

describe('GPT-2 from the Hugging Face Hub', () => {
  let s: Session;
  let hub: FakeHub;
  let pageUrl: string;
  beforeAll(async () => {
    hub = await startFakeHub([
      { path: 'config.json', bytes: new TextEncoder().encode(JSON.stringify(checkpoint.configJson)), lfs: false },
      { path: 'model.safetensors', bytes: checkpoint.bytes, lfs: true },
    ]);
    pageUrl = url(`?hub=${encodeURIComponent(hub.endpoint)}`);
    s = await openBrowser();
  });
  afterAll(async () => {
    await s?.close();
    await hub?.close();
  });

  const entry = (id: string) => s.page.locator(`.picker-entry[data-model="${id}"]`);
  const openPicker = async () => {
    const button = s.page.getByRole('button', { name: /^Model: / });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  };

  it('downloads, verifies, converts and runs the Hub model chosen in the picker', async () => {
    const { page } = s;
    // Every loading step the header shows, with its text, however briefly.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { loadSteps: string[] }).loadSteps = seen;
      new MutationObserver(() => {
        const step = document.querySelector('.model-status .loading');
        const entry =
          step &&
          `${step.getAttribute('data-step')}: ${step.textContent} [bar ${step.querySelector('progress')?.getAttribute('value') ?? 'busy'}]`;
        if (entry && seen.at(-1) !== entry) seen.push(entry);
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.goto(pageUrl);
    const bundled = await waitForModel(page);
    await openPicker();
    await expect.poll(() => entry('gpt2-hub').getAttribute('data-state')).toBe('not-downloaded');
    await expect
      .poll(() => entry('gpt2-hub').innerText())
      .toMatch(/548\.1 MB download .* 248\.9 MB kept in this browser/);
    await entry('gpt2-hub')
      .getByRole('button', { name: /^Download 548\.1 MB and run$/ })
      .click();

    const loaded = await waitForModel(page);
    expect(loaded.model).toBe('gpt2-hub');
    // The float16 conversion is its own step, not a download bar stuck at 100%.
    const steps = await page.evaluate(() => (window as unknown as { loadSteps: string[] }).loadSteps);
    const convert = steps.filter((st) => st.startsWith('convert: '));
    expect(convert.length, steps.join('\n')).toBeGreaterThan(0);
    expect(convert[0]).toMatch(
      /^convert: Converting GPT-2 small \(.+\) to float16…\s+[\d.]+ [kM]B downloaded and verified \[bar busy\]$/,
    );
    console.log(`header steps while loading:\n${steps.join('\n')}`);
    console.log(
      `Hub model (fixture, ${checkpoint.bytes.length} bytes) downloaded and running on ${loaded.backend} in ${loaded.loadMs} ms; bundled was ${bundled.model}`,
    );
    expect(await page.locator('.model-status').innerText()).toContain(`GPT-2 small (${new URL(hub.endpoint).host})`);
    // It came from our server: the listing, then both files (the weights through the CDN redirect).
    const paths = hub.requests.map((r) => r.url);
    expect(paths).toContain('/api/models/openai-community/gpt2/tree/main');
    expect(paths.some((p) => p.startsWith('/cdn/') && p.endsWith('/model.safetensors'))).toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: 'Tokens' }).getByRole('button').count())
      .toBeGreaterThan(0);

    await openPicker();
    await expect.poll(() => entry('gpt2-hub').getAttribute('data-state')).toBe('running');
    expect(await page.locator('.model-notices').count()).toBe(0);
    await page.screenshot({ path: 'test-results/screenshots/model-picker.png' });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: 'test-results/screenshots/model-picker-375.png' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expectNoPageErrors(s);
  });

  it('opens on GPT-2 small from the browser cache on a later visit whose link names no model', async () => {
    const { page } = s;
    hub.requests.length = 0;
    await page.goto(pageUrl);
    const loaded = await waitForModel(page);
    expect(loaded.model).toBe('gpt2-hub');
    // From the cache: nothing downloaded again, and no invitation to download it.
    expect(hub.requests.filter((r) => r.url.endsWith('/model.safetensors'))).toEqual([]);
    expect(await page.getByRole('complementary', { name: 'GPT-2 small' }).count()).toBe(0);
    expectNoPageErrors(s);
  });

  it('after a reload with the Hub server gone, loads the model from the browser cache', async () => {
    const { page } = s;
    await hub.close();
    hub.requests.length = 0;
    await page.goto(`${pageUrl}&model=gpt2-hub`);
    const loaded = await waitForModel(page);
    expect(loaded.model).toBe('gpt2-hub');
    console.log(`Hub model loaded from Cache Storage in ${loaded.loadMs} ms (server stopped)`);
    expect(hub.requests).toEqual([]);
    await openPicker();
    await expect.poll(() => entry('gpt2-hub').getAttribute('data-state')).toBe('running');
    expect(await entry('gpt2-hub').getByRole('button', { name: 'Delete from this browser' }).isVisible()).toBe(true);
    expectNoPageErrors(s);
  });

  it('says so when the Hub model cannot load, and offers the bundled model instead', async () => {
    const { page } = s;
    await openPicker();
    const remove = entry('gpt2-hub').getByRole('button', { name: 'Delete from this browser' });
    await remove.click();
    // The deletion is asynchronous (Cache Storage); leaving the page before it ends could keep the copy.
    await expect.poll(() => remove.count(), { timeout: 30_000 }).toBe(0);
    await page.goto(`${pageUrl}&model=gpt2-hub`);
    const status = page.locator('.model-status');
    await expect.poll(() => status.getAttribute('data-phase'), { timeout: 60_000 }).toBe('error');
    expect(await status.innerText()).toMatch(/cannot reach 127\.0\.0\.1:\d+: no connection/);
    const offer = page.locator('.model-notices').getByRole('button', { name: /^Run .* instead$/ });
    await expect.poll(() => offer.isVisible()).toBe(true);
    await offer.click();
    const loaded = await waitForModel(page);
    expect(loaded.model).not.toBe('gpt2-hub');
    expectNoPageErrors(s);
  });
});

describe('the GPT-2 small invitation', () => {
  it('downloads GPT-2 small in one click while the bundled model keeps running, then switches to it', async () => {
    const fake = await startFakeHub([
      { path: 'config.json', bytes: new TextEncoder().encode(JSON.stringify(checkpoint.configJson)), lfs: false },
      { path: 'model.safetensors', bytes: checkpoint.bytes, lfs: true },
    ]);
    const s = await openBrowser();
    try {
      const { page } = s;
      // Every (invitation phase, running model, its phase) the page goes through.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { offerSteps: string[] }).offerSteps = seen;
        new MutationObserver(() => {
          const offer = document.querySelector('.gpt2-offer')?.getAttribute('data-phase') ?? 'none';
          const status = document.querySelector('.model-status');
          const entry = `${offer} ${status?.getAttribute('data-model')}:${status?.getAttribute('data-phase')}`;
          if (seen.at(-1) !== entry) seen.push(entry);
        }).observe(document, { subtree: true, childList: true, attributes: true });
      });
      await page.goto(url(`?hub=${encodeURIComponent(fake.endpoint)}`));
      const bundled = await waitForModel(page);
      const offer = page.getByRole('complementary', { name: 'GPT-2 small' });
      await offer.getByRole('button', { name: 'Download GPT-2 small (548.1 MB)' }).click();
      await expect
        .poll(() => page.locator('.model-status').getAttribute('data-model'), { timeout: 120_000 })
        .toBe('gpt2-hub');
      const loaded = await waitForModel(page);
      expect(loaded.model).toBe('gpt2-hub');
      const steps = await page.evaluate(() => (window as unknown as { offerSteps: string[] }).offerSteps);
      console.log(`invitation steps:\n${steps.join('\n')}`);
      // The download ran with the bundled model ready; only then did the page switch.
      expect(steps).toContain(`downloading ${bundled.model}:ready`);
      const firstSwitch = steps.findIndex((st) => st.includes('gpt2-hub:'));
      expect(
        steps.slice(0, firstSwitch).every((st) => st.endsWith(`${bundled.model}:ready`) || st.startsWith('none')),
      ).toBe(true);
      expect(fake.requests.some((r) => r.url.endsWith('/model.safetensors'))).toBe(true);
      expect(await offer.count()).toBe(0);
      expectNoPageErrors(s);
    } finally {
      await s.close();
      await fake.close();
    }
  });
});
