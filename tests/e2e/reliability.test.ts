/**
 * The built page when things go wrong or are hostile: it runs under its
 * Content-Security-Policy with no violation and no request off its own origin; broken
 * weights (an HTML page, a truncated shard, a dropped connection) are reported by file
 * and never used, and a retry recovers; without WebGL the model falls back to wasm.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePolicy } from '../../src/app/csp-policy';
import {
  expectNoPageErrors,
  modelWorkers,
  openBrowser,
  prefixWorkerScript,
  url,
  waitForModel,
  type Session,
} from './helpers';

/** Collects securitypolicyviolation events from the page (before any of its scripts run). */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

/**
 * The same in the model worker, whose script is served with a first line that listens
 * (page scripts cannot reach it) and then tries eval, which the policy must refuse: proof
 * that the policy governs the worker (DevTools evaluation is exempt, so the try is in the script).
 */
async function recordWorkerViolations(
  session: Session,
): Promise<() => Promise<{ violations: string[]; evalResult: string }>> {
  const listen =
    "self.cspViolations = []; self.addEventListener('securitypolicyviolation', (e) => self.cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));" +
    " try { self.evalResult = String((0, eval)('1 + 1')); } catch (e) { self.evalResult = e.name; }\n";
  await prefixWorkerScript(session.context, () => listen);
  return () =>
    modelWorkers(session.page)[0].evaluate(() => {
      const scope = self as unknown as { cspViolations: string[]; evalResult: string };
      return { violations: scope.cspViolations, evalResult: scope.evalResult };
    });
}

describe('security: the build under its Content-Security-Policy', () => {
  let s: Session;
  const requests: string[] = [];
  beforeAll(async () => {
    s = await openBrowser();
    s.context.on('request', (r: Request) => requests.push(r.url()));
  });
  afterAll(async () => s?.close());

  it('runs the model with no CSP violation and no request to another origin', async () => {
    const { page } = s;
    const violations = await recordViolations(page);
    const workerViolations = await recordWorkerViolations(s);
    const workerScript = page.waitForResponse(/\/assets\/model\.worker-[^/]+\.js$/);
    const document = await page.goto(url());
    // The policy comes as a header too: the only way it reaches the worker.
    expect(document?.headers()['content-security-policy']).toBe(basePolicy);
    expect((await workerScript).headers()['content-security-policy']).toBe(basePolicy);
    expect(document?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    const policies = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .evaluateAll((m) => m.map((e) => e.getAttribute('content') ?? ''));
    expect(
      policies.some(
        (p) =>
          /script-src 'self' 'wasm-unsafe-eval'/.test(p) && !/unsafe-eval'/.test(p.replace("'wasm-unsafe-eval'", '')),
      ),
    ).toBe(true);
    expect(policies.some((p) => /^connect-src 'self' https:\/\/huggingface\.co /.test(p))).toBe(true);
    const info = await waitForModel(page);
    await page
      .getByRole('textbox', { name: 'Prompt' })
      .fill('<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>');
    await expect.poll(() => page.locator('.trace-status').innerText()).toMatch(/ms/);
    // The markup is shown as token text, never parsed into elements.
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await violations()).toEqual([]);
    // In the worker, only the test's own eval was refused.
    expect(await workerViolations()).toEqual({ violations: ['script-src eval'], evalResult: 'EvalError' });
    const origin = new URL(url()).origin;
    const foreign = requests.filter((r) => !r.startsWith(origin) && !/^(data|blob):/.test(r));
    console.log(`${requests.length} requests, all same-origin; ${info.model} on ${info.backend}`);
    expect(foreign).toEqual([]);
    // The picker learns which local models exist from weights/index.json: GPT-2 small, not
    // fetched here, is never asked for, so no 404 reaches the console.
    expect(requests.some((r) => r.endsWith('/weights/index.json'))).toBe(true);
    expect(requests.some((r) => r.endsWith('/weights/tiny-random/model.json'))).toBe(true);
    expect(requests.filter((r) => r.includes('/weights/gpt2/'))).toEqual([]);
    expect(s.errors).toEqual([]);
    expectNoPageErrors(s);
  });
});

describe('broken weights in the page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
  });
  afterAll(async () => s?.close());

  const shard = '**/weights/tiny-random/group1-shard2of2.bin';
  const cases: [string, Parameters<Page['route']>[1], RegExp][] = [
    [
      'an HTML error page in place of a shard',
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><html><body>Not here</body></html>',
        }),
      /group1-shard2of2\.bin: got an HTML page, not weights/,
    ],
    [
      'a truncated shard',
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.body()).subarray(0, 1000) });
      },
      /group1-shard2of2\.bin: truncated: 1000 of 2455168 bytes/,
    ],
    [
      'a missing shard',
      (route) => route.fulfill({ status: 404, body: 'not found' }),
      /group1-shard2of2\.bin: not found/,
    ],
    ['the network dropping', (route) => route.abort('connectionreset'), /group1-shard2of2\.bin: network error/],
  ];

  it.each(cases)('%s: says which file, runs nothing, and a retry recovers', async (_name, handler, message) => {
    const { page, context } = s;
    await context.route(shard, handler);
    await page.goto(url('?model=tiny-random'));
    const status = page.locator('.model-status');
    await expect.poll(() => status.getAttribute('data-phase'), { timeout: 120_000 }).toBe('error');
    const text = await status.innerText();
    expect(text).toMatch(message);
    expect(text).not.toMatch(/\n\s+at /);
    expect(await page.locator('.trace-status').innerText()).not.toMatch(/ms/);
    await context.unroute(shard, handler);
    await status.getByRole('button').click();
    const info = await waitForModel(page);
    expect(info.model).toBe('tiny-random');
    expectNoPageErrors(s);
  });
});

describe('no WebGL', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
  });
  afterAll(async () => s?.close());

  it('falls back to wasm, says so, and runs', async () => {
    // TF.js runs in the model worker, where an init script cannot reach: the worker's own
    // script is served with a first line that makes every WebGL context request fail, as
    // on a machine without WebGL.
    const noWebgl =
      'for (const C of [globalThis.OffscreenCanvas, globalThis.HTMLCanvasElement]) { if (!C) continue; const get = C.prototype.getContext;' +
      ' C.prototype.getContext = function (type, ...rest) { return /webgl/.test(type) ? null : get.call(this, type, ...rest); }; }\n';
    await prefixWorkerScript(s.context, () => noWebgl);
    await s.page.goto(url('?model=tiny-random'));
    const info = await waitForModel(s.page);
    expect(info.backend).toBe('wasm');
    expect(await s.page.locator('.model-status').innerText()).toMatch(/WebAssembly|wasm/i);
    expectNoPageErrors(s);
  });
});
