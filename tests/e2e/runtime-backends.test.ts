/**
 * The runtime itself on the browser backends, without the app: every traced stage on
 * WebGL (SwiftShader in headless Chromium) and on wasm against the golden activations
 * from transformers, with the same tolerances as the cpu golden test, no leaked tensors,
 * and selectBackend's choice with and without avoidSoftwareWebgl.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageError } from './runtime-page/entry';
import { withBrowser, type Session } from './helpers';

const ROOT = resolve('.');
/** What the page may fetch from the repository, besides its own bundle. */
const SERVED = [
  '/weights/tiny-random/',
  '/tests/fixtures/golden/',
  '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
];
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};
const LIMITS = { relative: 1e-4, pattern: 1e-5, logits: 2e-3 };

let outDir: string;
let server: Server;
let baseUrl: string;

function serve(): Promise<string> {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file =
      path === '/'
        ? join(outDir, 'index.html')
        : path === '/page.js'
          ? join(outDir, 'page.js')
          : SERVED.some((p) => path.startsWith(p))
            ? join(ROOT, path)
            : '';
    if (file === '' || file.includes('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)),
  );
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'forward-pass-runtime-page-'));
  await build({
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: false,
      lib: {
        entry: resolve('tests/e2e/runtime-page/entry.ts'),
        formats: ['iife'],
        name: 'runtimePageBundle',
        fileName: () => 'page.js',
      },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><body><script src="/page.js"></script></body></html>',
  );
  baseUrl = await serve();
});

afterAll(() => {
  server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function withPage<T>(fn: (s: Session) => Promise<T>): Promise<T> {
  return withBrowser(async (s) => {
    await s.page.goto(baseUrl);
    await s.page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    return fn(s);
  });
}

function checkErrors(backend: string, errors: StageError[]): void {
  console.log(`worst error per stage on ${backend}:`);
  console.table(
    errors.map((e) => ({
      stage: e.stage,
      error: Number(e.error.toExponential(2)),
      metric: e.relative ? 'relative' : 'absolute',
    })),
  );
  expect(errors.length).toBeGreaterThan(15);
  for (const e of errors) {
    const limit = e.relative ? LIMITS.relative : e.stage === 'pattern' ? LIMITS.pattern : LIMITS.logits;
    expect(e.error, `${backend}: ${e.stage}`).toBeLessThanOrEqual(limit);
  }
}

describe('the runtime on browser backends', () => {
  for (const backend of ['webgl', 'wasm'] as const) {
    it(`matches transformers on ${backend}`, async () => {
      const r = await withPage((s) =>
        s.page.evaluate(([b, prompts]) => (globalThis as any).runtimePage.golden(b, prompts), [
          backend,
          ['english', 'single'],
        ] as const),
      );
      expect(r.backend).toBe(backend);
      expect(r.leaked).toBe(0);
      console.log(`${backend}: trace times ${r.traceMs.map((ms: number) => ms.toFixed(0)).join(', ')} ms`);
      checkErrors(backend, r.errors);
    });
  }

  for (const backend of ['webgl', 'wasm'] as const) {
    it(`reads predictions and the lens on request as a full trace does, asked first on a fresh runtime (${backend})`, async () => {
      const r = await withPage((s) =>
        s.page.evaluate((b) => (globalThis as any).runtimePage.onRequestFirst(b), backend),
      );
      expect(r.sameIds).toBe(true);
      expect(r.diff).toBeLessThan(LIMITS.logits);
    });
  }

  it('passes over software WebGL only when asked and another backend is left', async () => {
    const c = await withPage((s) => s.page.evaluate(() => (globalThis as any).runtimePage.choices()));
    expect(c.plain).toBe('webgl');
    expect(c.renderer).toMatch(/SwiftShader/);
    expect(c.avoiding).toBe('wasm');
    expect(c.onlyWebgl).toBe('webgl');
  });
});
