/**
 * A site built with weights/gpt2 present ships GPT-2 small and opens on it. A small model
 * stands in for GPT-2 small: tiny-random, copied into weights/gpt2 of a weights folder of
 * this test's own (FORWARD_PASS_WEIGHTS), built and served like the real site.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_MODEL, expectNoPageErrors, openBrowser, waitFor, waitForModel } from './helpers';

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe('a site built with weights/gpt2', () => {
  const root = mkdtempSync(join(tmpdir(), 'forward-pass-shipped-'));
  const weights = join(root, 'weights');
  const dist = join(root, 'dist');
  let preview: ChildProcess | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    cpSync(resolve('weights/tiny-random'), join(weights, 'gpt2'), { recursive: true });
    for (const bundled of [BUNDLED_MODEL.folder, 'tiny-random'])
      symlinkSync(resolve('weights', bundled), join(weights, bundled), 'dir');
    const env = { ...process.env, NODE_ENV: 'production', FORWARD_PASS_WEIGHTS: weights };
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir'], {
      stdio: 'inherit',
      env,
    });
    expect(build.status).toBe(0);
    const port = await freePort();
    preview = spawn(
      'npx',
      ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
        env,
      },
    );
    baseUrl = `http://127.0.0.1:${port}/`;
    await waitFor(
      () =>
        fetch(baseUrl).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok,
      'the preview server',
      30_000,
    );
  });
  afterAll(() => {
    if (preview?.pid) process.kill(-preview.pid, 'SIGTERM');
    rmSync(root, { recursive: true, force: true });
  });

  it('ships GPT-2 small in the build and lists it', () => {
    expect(existsSync(join(dist, 'weights', 'gpt2', 'model.json'))).toBe(true);
    const index = JSON.parse(readFileSync(join(dist, 'weights', 'index.json'), 'utf8')) as { models: string[] };
    expect(index.models).toContain('gpt2');
  });

  it('opens on GPT-2 small, with no invitation to download it', async () => {
    const s = await openBrowser();
    try {
      await s.page.goto(baseUrl);
      const loaded = await waitForModel(s.page);
      expect(loaded.model).toBe('gpt2-local');
      expect(await s.page.getByRole('complementary', { name: 'GPT-2 small' }).count()).toBe(0);
      expectNoPageErrors(s);
    } finally {
      await s.close();
    }
  });
});
