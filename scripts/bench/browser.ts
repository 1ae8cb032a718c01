/**
 * Headless Chromium for the bench, with the flags the project uses everywhere, plus precise
 * memory figures. Each job gets a fresh page so one runtime's memory never counts for another.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium';
import type { BenchPage } from './page/protocol';

export async function launchBrowser(): Promise<Browser> {
  // performance.memory is rounded to coarse buckets without --enable-precise-memory-info.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
}

/** A page's methods, on globalThis.forwardPassBench: each takes a job and resolves to its result. */
type PageMethods<P> = { [K in keyof P]: (job: never) => Promise<unknown> };
type Job<P extends PageMethods<P>, M extends keyof P> = Parameters<P[M]>[0];
type Result<P extends PageMethods<P>, M extends keyof P> = Awaited<ReturnType<P[M]>>;

/** A bench page kept open: its methods can be called many times, and it keeps its state between calls. */
export interface OpenPage<P extends PageMethods<P>> {
  call<M extends keyof P & string>(method: M, job: Job<P, M>): Promise<Result<P, M>>;
  close(): Promise<void>;
}

/**
 * Opens a bench page in a new page. P is the page's methods: the bench page's (BenchPage) unless another page is named.
 */
export async function openPage<P extends PageMethods<P> = BenchPage>(
  browser: Browser,
  pageUrl: string,
  log: (line: string) => void,
): Promise<OpenPage<P>> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`  [page ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  } catch (e) {
    await page.close();
    throw e;
  }
  return {
    call: async <M extends keyof P & string>(method: M, job: Job<P, M>): Promise<Result<P, M>> =>
      (await page.evaluate(
        ([name, arg]) => {
          const bench = (
            globalThis as unknown as { forwardPassBench: Record<string, (a: unknown) => Promise<unknown>> }
          ).forwardPassBench;
          return bench[name](arg);
        },
        [method, job] as const,
      )) as unknown as Result<P, M>,
    close: () => page.close(),
  };
}

/** Opens a bench page, runs one job there and closes the page. */
export async function runInPage<P extends PageMethods<P> = BenchPage, M extends keyof P & string = keyof P & string>(
  browser: Browser,
  pageUrl: string,
  method: M,
  job: Job<P, M>,
  log: (line: string) => void,
): Promise<Result<P, M>> {
  const page = await openPage<P>(browser, pageUrl, log);
  try {
    return await page.call(method, job);
  } finally {
    await page.close();
  }
}
