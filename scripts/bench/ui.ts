/**
 * The app page itself, as a person uses it: the production build (vite build) served
 * cross-origin isolated, the model in its Web Worker on the wasm backend. Measures a
 * temperature change, a token click in the attention view, and main-thread long tasks
 * while a prompt is traced and while tokens are generated.
 */
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { CliError } from '../lib/cli-error';
import { encodeToIds } from '../../src/tokenizer';
import { WEIGHTS_DIR } from './prepare';
import { startStaticServer } from './server';
import { summarize } from './stats';
import { armInteraction, awaitInteraction, longTasksBetween, recordLongTasks, type Watch } from './ui-timing';
import type { UiResult } from './ui-protocol';

const APP_DIR = 'bench-results/app';
const PROMPT =
  'The river rose slowly through the night, and by morning the low road into town was under water. ' +
  'Farmers moved their animals to the ridge while the mill kept turning.';
const SAMPLES = 7;
const TIMEOUT = 180_000;

function buildApp(): void {
  const result = spawnSync('npx', ['vite', 'build', '--outDir', APP_DIR, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new CliError(`vite build of the app failed (exit ${result.status})`);
}

async function until(page: Page, what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT;
  while (!(await check())) {
    if (Date.now() > deadline) throw new CliError(`app page: timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

const tracedIds = (page: Page) => page.locator('section.stage').getAttribute('data-traced-ids');
const now = (page: Page) => page.evaluate(() => performance.now());

/** Steps forward through the stages (the stepper's Next button) until `stage` is shown. */
async function gotoStage(page: Page, stage: string): Promise<void> {
  while ((await page.locator('section.stage').getAttribute('data-stage')) !== stage) {
    const next = page.getByRole('button', { name: 'Next stage' });
    if (await next.isDisabled()) throw new CliError(`app page: no stage "${stage}"`);
    await next.click();
  }
}

/** Times SAMPLES interactions, each triggered by `act(i)` and done when `watch` shows a new value. */
async function timeInteractions(page: Page, watch: Watch, act: (i: number) => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    await page.evaluate(armInteraction, watch);
    await act(i);
    const ms = await page.evaluate(awaitInteraction);
    if (ms === null)
      throw new CliError(
        `app page: ${watch.selector} [${watch.attribute}] did not change within ${watch.timeoutMs} ms of a ${watch.eventType}`,
      );
    samples.push(ms);
  }
  return summarize(samples);
}

const attribute = (page: Page, testId: string, name: string) => page.getByTestId(testId).getAttribute(name);

/** One of each experiment the page runs, each waited for until its result is drawn. */
async function runExperiments(page: Page): Promise<void> {
  const region = page.getByRole('region', { name: 'Experiments' });
  const open = (view: string) => region.getByRole('radio', { name: view }).click();
  await region.getByRole('button', { name: 'Ablate L1H0' }).click();
  await until(page, 'the ablation', async () => (await page.getByTestId('edited-bars').locator('g.bar').count()) > 0);
  await open('Logit attribution');
  await page
    .getByRole('region', { name: 'Logit attribution' })
    .getByRole('button', { name: /Attribute/ })
    .click();
  await until(
    page,
    'the attribution',
    async () => (await attribute(page, 'attribution-bars', 'data-components')) !== null,
  );
  await open('Activation patching');
  await page.getByRole('region', { name: 'Activation patching' }).getByRole('button', { name: /drink/ }).click();
  await until(page, 'the sweep', async () => (await attribute(page, 'sweep', 'data-values')) !== null);
  await open('Head detector');
  await page
    .getByRole('region', { name: 'Head detector' })
    .getByRole('button', { name: 'Test for induction heads' })
    .click();
  await until(page, 'the induction test', async () => (await attribute(page, 'probe-loss', 'data-loss')) !== null);
}

export async function measureUi(browser: Browser, model: string, log: (line: string) => void): Promise<UiResult> {
  log('app page: building it (vite build)');
  buildApp();
  // The worker resolves the catalog's page-relative model URLs against its own script URL
  // (assets/), so the weights are served under both prefixes, as vite preview does.
  const server = await startStaticServer({ '/': APP_DIR, '/weights/': WEIGHTS_DIR, '/assets/weights/': WEIGHTS_DIR });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => log(`  [app page error] ${e.message}`));
  // tsx compiles the helpers with esbuild's keepNames, which wraps functions in __name().
  await page.addInitScript('window.__name = (f) => f;');
  await page.addInitScript(recordLongTasks);
  try {
    await page.goto(`${server.url}/index.html?model=${model}&backend=wasm`);
    await until(
      page,
      'the model',
      async () => (await page.locator('.model-status').getAttribute('data-phase')) === 'ready',
    );
    if (!(await page.evaluate(() => globalThis.crossOriginIsolated)))
      log('  the app page is NOT cross-origin isolated: wasm runs on one thread');

    log('app page: tracing a new prompt');
    const ids = encodeToIds(PROMPT);
    const t0 = await now(page);
    await page.getByRole('textbox', { name: 'Prompt' }).fill(PROMPT);
    await until(page, 'the trace', async () => (await tracedIds(page)) === ids.join(','));
    const longTasksDuringTrace = await page.evaluate(longTasksBetween, [t0, await now(page)] as [number, number]);

    log('app page: token clicks');
    await gotoStage(page, 'blocks');
    const queries = page
      .getByRole('region', { name: 'Attention' })
      .getByRole('group', { name: /Queries/ })
      .getByRole('button');
    await until(page, 'the attention view', async () => (await queries.count()) === ids.length);
    // Lines are drawn from the clicked (query) token: the first line's data-query names it.
    const lines: Watch = { selector: '.lines-box path', attribute: 'data-query', eventType: 'click', timeoutMs: 5000 };
    const tokenClick = await timeInteractions(page, lines, (i) => queries.nth((i * 5 + 3) % (ids.length - 1)).click());

    log('app page: temperature');
    await gotoStage(page, 'softmax');
    const slider = page.getByRole('slider', { name: 'Temperature' });
    const bars: Watch = {
      selector: '[data-testid=probability-bars] g.bar',
      attribute: 'data-prob',
      eventType: 'keydown',
      timeoutMs: 2000,
    };
    const temperatureRedraw = await timeInteractions(page, bars, (i) =>
      slider.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft'),
    );

    log('app page: generating');
    await gotoStage(page, 'generate');
    const g0 = await now(page);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await until(page, 'generation', async () => (await page.getByText(/^(Done|Stopped)/).count()) > 0);
    const longTasksDuringGeneration = await page.evaluate(longTasksBetween, [g0, await now(page)] as [number, number]);

    log('app page: experiments');
    const x0 = await now(page);
    await runExperiments(page);
    const longTasksDuringExperiments = await page.evaluate(longTasksBetween, [x0, await now(page)] as [number, number]);

    const backend = (await page.locator('.model-status').getAttribute('data-backend')) as UiResult['backend'];
    return {
      model,
      backend,
      tokens: ids.length,
      temperatureRedraw,
      tokenClick,
      longTasksDuringTrace,
      longTasksDuringGeneration,
      longTasksDuringExperiments,
    };
  } finally {
    await page.close();
    await server.close();
  }
}
