/**
 * Offline: after one visit, the page and its bundled model load and run with the network
 * off; and a download that fails its SHA-256 never becomes the offline copy. Each test keeps
 * one browser profile across its reloads (the service worker and its cache live there).
 */
import type { Route } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { expectNoPageErrors, openBrowser, url, waitFor, waitForModel, type Session } from './helpers';
import { screenshot } from './block-page';

/**
 * The page's service worker registration as one line: "none", or the states of its workers and whether it controls the
 * page.
 */
const workerState = (s: Session): Promise<string> =>
  s.page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    if (!r) return 'none';
    const state = (w: ServiceWorker | null) => w?.state ?? '-';
    return `installing ${state(r.installing)}, active ${state(r.active)}, controller ${navigator.serviceWorker.controller ? 'yes' : 'no'}`;
  });

/** The pathnames in our offline cache (none when there is no such cache). */
const cachedPaths = (s: Session): Promise<string[]> =>
  s.page.evaluate(async () => {
    const ours = (await caches.keys()).find((n) => n.startsWith('forward-pass-offline-'));
    return ours ? (await (await caches.open(ours)).keys()).map((r) => new URL(r.url).pathname) : [];
  });

/** Waits until the service worker controls the page: installed (shell and bundled models cached) and claimed. */
const waitForControl = (s: Session) =>
  waitFor(
    () => workerState(s),
    (v) => v.startsWith('installing -, active activated, controller yes'),
    'the service worker to control the page',
    30_000,
  );

/** With the network off, opens the page on a new prompt and checks the model really ran on it. */
async function expectRunsOffline(s: Session, prompt: string): Promise<void> {
  const { page, context } = s;
  await context.setOffline(true);
  await page.goto(url(`?model=tiny-random&prompt=${encodeURIComponent(prompt)}`));
  const info = await waitForModel(page, 30_000);
  expect(info.model).toBe('tiny-random');
  expect(await page.getByRole('textbox', { name: 'Prompt' }).inputValue()).toBe(prompt);
  expect(await page.locator('section.stage').getAttribute('data-traced-ids')).toBe(
    encode(prompt)
      .map((t) => t.id)
      .join(','),
  );
  await context.setOffline(false);
}

describe('offline', () => {
  // A fresh profile per test: the service worker and its cache live there.
  let s: Session;
  beforeEach(async () => {
    s = await openBrowser({ serviceWorkers: 'allow' });
  });
  afterEach(async () => s?.close());

  it('reloads and runs the model with no network after the first visit', async () => {
    await s.page.goto(url('?model=tiny-random'));
    await waitForModel(s.page, 30_000);
    await waitForControl(s);
    const cached = await cachedPaths(s);
    const manifest = (await (await fetch(url('weights/tiny-random/model.json'))).json()) as {
      weightsManifest: { paths: string[] }[];
    };
    const shards = manifest.weightsManifest.flatMap((g) => g.paths);
    for (const file of ['model.json', ...shards]) expect(cached, file).toContain(`/weights/tiny-random/${file}`);
    // The page itself is cached under its folder's URL; every navigation offline falls back to it.
    expect(cached).toContain('/');
    await expectRunsOffline(s, 'Offline and still running');
    await screenshot(s.page, 'offline-reload');
    expectNoPageErrors(s);
  }, 60_000);

  it('never caches a shard that fails its SHA-256, and installs on the next visit', async () => {
    const { page, context } = s;
    const shard = '**/weights/tiny-random/group1-shard2of2.bin';
    // A server answering a shard with an HTML page and status 200 (a proxy, a captive portal).
    const htmlPage = (route: Route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>Not here</p>' });
    await context.route(shard, htmlPage);
    await page.goto(url('?model=tiny-random'));
    await waitFor(
      () => page.locator('.model-status').getAttribute('data-phase'),
      (p) => p === 'error',
      'the load to fail',
      30_000,
    );
    // The install gives up: no worker takes over, and the bad shard is not in any cache.
    await waitFor(
      () => workerState(s),
      (v) => v === 'none' || v.startsWith('installing -, active -'),
      'the install to end',
      30_000,
    );
    expect(await cachedPaths(s)).not.toContain('/weights/tiny-random/group1-shard2of2.bin');

    await context.unroute(shard, htmlPage);
    await page.reload();
    await waitForModel(page, 30_000);
    await waitForControl(s);
    await expectRunsOffline(s, 'Installed on the second visit');
    expectNoPageErrors(s);
  }, 90_000);
});
