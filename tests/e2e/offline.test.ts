/**
 * Offline: after one visit, the page and its bundled model load and run with the network
 * off. The same browser profile is kept across the reload (the service worker and its
 * cache live there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { expectNoPageErrors, openBrowser, url, waitFor, waitForModel, type Session } from './helpers';
import { screenshot } from './block-page';

/** The page's service worker registration as one line: "none", or the states of its workers and whether it controls the page. */
const workerState = (s: Session): Promise<string> =>
  s.page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    if (!r) return 'none';
    const state = (w: ServiceWorker | null) => w?.state ?? '-';
    return `installing ${state(r.installing)}, active ${state(r.active)}, controller ${navigator.serviceWorker.controller ? 'yes' : 'no'}`;
  });

describe('offline', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
  });
  afterAll(async () => s?.close());

  it('reloads and runs the model with no network after the first visit', async () => {
    const { page, context } = s;
    await page.goto(url('?model=tiny-random'));
    await waitForModel(page, 30_000);
    // Installing caches the shell and the bundled models, then the worker claims the page.
    // (A build without a service worker, such as a development build, stays at "none".)
    await waitFor(() => workerState(s), (v) => v.startsWith('installing -, active activated, controller yes'), 'the service worker to control the page', 30_000);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const ours = names.find((n) => n.startsWith('forward-pass-offline-'));
      return ours ? (await (await caches.open(ours)).keys()).map((r) => new URL(r.url).pathname) : [];
    });
    const manifest = (await (await fetch(url('weights/tiny-random/model.json'))).json()) as { weightsManifest: { paths: string[] }[] };
    const shards = manifest.weightsManifest.flatMap((g) => g.paths);
    for (const file of ['model.json', ...shards]) expect(cached, file).toContain(`/weights/tiny-random/${file}`);
    // The page itself is cached under its folder's URL; every navigation offline falls back to it.
    expect(cached).toContain('/');

    await context.setOffline(true);
    const prompt = 'Offline and still running';
    await page.goto(url(`?model=tiny-random&prompt=${encodeURIComponent(prompt)}`));
    const info = await waitForModel(page, 30_000);
    expect(info.model).toBe('tiny-random');
    expect(await page.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe(prompt);
    // The model really ran offline: the trace is of this prompt's token ids.
    expect(await page.locator('section.stage').getAttribute('data-traced-ids')).toBe(encode(prompt).map((t) => t.id).join(','));
    await screenshot(page, 'offline-reload');
    expectNoPageErrors(s);
    await context.setOffline(false);
  }, 60_000);
});
