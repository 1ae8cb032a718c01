/**
 * Builds the page once (vite build) into a folder of its own and serves it with vite
 * preview on a free port, with the headers from vite.config.ts. Tests get the URL through
 * inject('baseUrl'). The folder is private to this run: another run building into dist/
 * at the same time must not swap files under our server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

let preview: ChildProcess | undefined;
let outDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  outDir = join(mkdtempSync(join(tmpdir(), 'forward-pass-e2e-')), 'dist');
  // NODE_ENV=production: vitest sets NODE_ENV=test, and a Vite build that inherits it is a
  // development build (React's development bundle, import.meta.env.PROD false, so no service
  // worker), which is not the page users get.
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
  console.log(`e2e: built the page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const port = await freePort();
  preview = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const baseUrl = `http://127.0.0.1:${port}/`;
  await waitForServer(baseUrl, preview, 30_000);
  project.provide('baseUrl', baseUrl);
}

export async function teardown(): Promise<void> {
  // The server runs in its own process group (npx -> node): end the whole group.
  if (preview?.pid) process.kill(-preview.pid, 'SIGTERM');
  if (outDir) rmSync(join(outDir, '..'), { recursive: true, force: true });
}
