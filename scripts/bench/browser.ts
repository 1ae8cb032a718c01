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

type Method = keyof BenchPage;
type Job<M extends Method> = Parameters<BenchPage[M]>[0];
type Result<M extends Method> = Awaited<ReturnType<BenchPage[M]>>;

/** Opens the bench page in a new page, runs one job there and closes the page. */
export async function runInPage<M extends Method>(
  browser: Browser,
  pageUrl: string,
  method: M,
  job: Job<M>,
  log: (line: string) => void,
): Promise<Result<M>> {
  const page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`  [page ${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
  try {
    await page.goto(pageUrl);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    return (await page.evaluate(
      ([name, arg]) => {
        const bench = (globalThis as unknown as { forwardPassBench: BenchPage }).forwardPassBench;
        return (bench[name as Method] as (a: unknown) => Promise<unknown>)(arg);
      },
      [method, job] as const,
    )) as Result<M>;
  } finally {
    await page.close();
  }
}
