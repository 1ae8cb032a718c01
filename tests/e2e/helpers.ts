/**
 * Driving the page in headless Chromium: a fresh profile per browser, console errors and
 * page errors collected (a page error fails the test), and helpers to wait for the model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { expect, inject } from 'vitest';
import { weightsFolder } from '../../src/app/weights-index';
import { buildCatalog } from '../../src/hub/catalog';
import { encode } from '../../src/tokenizer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium';

const bundled = buildCatalog().find((e) => !e.local && !e.hub)!;

/**
 * The model the site bundles (the catalog's first model shipped with it, the page's default
 * when GPT-2 small is not there): `id` for ?model= links, `folder` under weights/ for the CLI.
 * Read from the catalog, so tests follow when the bundled model is replaced.
 */
export const BUNDLED_MODEL = { id: bundled.id, folder: weightsFolder(bundled.url)! };

export interface Session {
  context: BrowserContext;
  page: Page;
  /** console.error messages and uncaught page errors, in order. */
  errors: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  width?: number;
  height?: number;
  /** Reuse a profile directory (to test what persists across reloads); a fresh one by default. */
  profileDir?: string;
  /**
   * Let the page install its offline service worker. Blocked by default: once installed, it
   * answers model and page requests from its cache, which is what a user wants but hides the
   * network path most tests look at (and the files they route).
   */
  serviceWorkers?: 'allow' | 'block';
}

export async function openBrowser(options: SessionOptions = {}): Promise<Session> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'forward-pass-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The machine is shared (two cores, a model training, other test runs): be patient.
  page.setDefaultTimeout(120_000);
  const errors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return {
    context,
    page,
    errors,
    pageErrors,
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the model worker's script with firstLine(n) put before it, n counting the times it
 * was served before. Page scripts cannot reach into the worker: this is how tests do.
 * Chromium may start later workers from a copy it kept, without asking again (seen from
 * the third worker on).
 */
export async function prefixWorkerScript(
  context: BrowserContext,
  firstLine: (served: number) => string,
): Promise<void> {
  let served = 0;
  await context.route('**/assets/model.worker-*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: firstLine(served++) + (await response.text()) });
  });
}

/** The page's model workers (TF.js's wasm thread workers, nested in one, are left out). */
export const modelWorkers = (page: Page): Worker[] =>
  page.workers().filter((w) => w.url().includes('/assets/model.worker-'));

/** The preview server's URL for a page path with query, e.g. url('?backend=wasm'). */
/** The page's address once the URL write scheduled by the last action has landed (src/share/url-sync). */
export async function settledUrl(page: Page): Promise<string> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return page.url();
}

export const url = (query = ''): string => `${inject('baseUrl')}${query}`;

/**
 * Calls read() until check(value) holds and returns that value; throws with the last value
 * after timeoutMs. (expect.poll only works inside a test; this works in hooks too.)
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last value: ${String(value)})`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** Waits until the model is loaded and the current prompt traced; returns the model id and backend. */
export async function waitForModel(
  page: Page,
  timeoutMs = 180_000,
): Promise<{ model: string; backend: string; loadMs: number }> {
  const started = Date.now();
  const status = page.locator('.model-status');
  const phase = await waitFor(
    () => status.getAttribute('data-phase'),
    (p) => p === 'ready' || p === 'error',
    'the model',
    timeoutMs,
  );
  if (phase === 'error') throw new Error(`model failed to load: ${await status.innerText()}`);
  await waitFor(
    () => page.locator('section.stage').getAttribute('data-traced-ids'),
    (ids) => !!ids,
    'the first trace',
    timeoutMs,
  );
  return {
    model: (await status.getAttribute('data-model')) ?? '',
    backend: (await status.getAttribute('data-backend')) ?? '',
    loadMs: Date.now() - started,
  };
}

/** Runs `fn` in a fresh browser, checks the page never threw, and closes the browser either way. */
export async function withBrowser<T>(fn: (s: Session) => Promise<T>, options: SessionOptions = {}): Promise<T> {
  const s = await openBrowser(options);
  try {
    const out = await fn(s);
    expectNoPageErrors(s);
    return out;
  } finally {
    await s.close();
  }
}

/** Fails the test if the page threw. */
export function expectNoPageErrors(session: Session): void {
  expect(session.pageErrors).toEqual([]);
}

/** Types a prompt and waits until the panels show the model's numbers for it. */
export async function typePrompt(page: Page, text: string, timeoutMs = 120_000): Promise<number[]> {
  const ids = encode(text).map((t) => t.id);
  await page.getByRole('textbox', { name: 'Prompt' }).fill(text);
  await waitFor(
    () => page.locator('section.stage').getAttribute('data-traced-ids'),
    (v) => v === ids.join(','),
    `the trace of "${text}"`,
    timeoutMs,
  );
  return ids;
}

/** Goes to a stage through the overview (the stage's region name is its English title). */
export async function gotoStage(page: Page, stage: string): Promise<void> {
  while ((await page.locator('section.stage').getAttribute('data-stage')) !== stage) {
    const next = page.getByRole('button', { name: 'Next stage' });
    if (await next.isDisabled()) throw new Error(`stage "${stage}" not found`);
    await next.click();
  }
  // The final stage asks for every position's predictions when it opens; wait for them.
  if (stage === 'final') {
    await waitFor(
      () => page.getByTestId('top-logits').locator('tbody tr').count(),
      (n) => n > 0,
      'the predictions',
      60_000,
    );
  }
}

/** The numbers a panel exposes in a data-* attribute as JSON. */
export async function jsonAttr<T>(page: Page, testId: string, attr: string): Promise<T> {
  return JSON.parse((await page.getByTestId(testId).getAttribute(attr)) ?? 'null') as T;
}

/** Selects the prompt's last token (where the next-token prediction is made) on the tokens stage. */
export async function selectLastToken(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Stage 1: tokens' }).click();
  const region = page.getByRole('region', { name: 'Tokens' });
  await region.getByRole('button').last().click();
}
