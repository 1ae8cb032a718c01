/**
 * Driving the page in headless Chromium: a fresh profile per browser, console errors and
 * page errors collected (a page error fails the test), and helpers to wait for the model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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
}

export async function openBrowser(options: SessionOptions = {}): Promise<Session> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'forward-pass-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
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

/** The preview server's URL for a page path with query, e.g. url('?backend=wasm'). */
export const url = (query = ''): string => `${inject('baseUrl')}${query}`;

/** Waits until the model is loaded and the current prompt traced; returns the model id and backend. */
export async function waitForModel(page: Page, timeoutMs = 180_000): Promise<{ model: string; backend: string; loadMs: number }> {
  const started = Date.now();
  const status = page.locator('.model-status');
  await expect.poll(async () => status.getAttribute('data-phase'), { timeout: timeoutMs, interval: 250 }).toMatch(/ready|error/);
  if ((await status.getAttribute('data-phase')) === 'error') throw new Error(`model failed to load: ${await status.innerText()}`);
  await expect.poll(async () => page.locator('.trace-status').innerText(), { timeout: timeoutMs }).toMatch(/ms|毫秒/);
  return {
    model: (await status.getAttribute('data-model')) ?? '',
    backend: (await status.getAttribute('data-backend')) ?? '',
    loadMs: Date.now() - started,
  };
}

/** Fails the test if the page threw. */
export function expectNoPageErrors(session: Session): void {
  expect(session.pageErrors).toEqual([]);
}
