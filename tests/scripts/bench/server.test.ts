import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveMount, startStaticServer } from '../../../scripts/bench/server';

describe('resolveMount', () => {
  const mounts = { '/': '/srv/page', '/weights/': '/srv/weights' };
  it('picks the longest matching prefix', () => {
    expect(resolveMount(mounts, '/weights/a/model.json')).toEqual({
      prefix: '/weights/',
      file: '/srv/weights/a/model.json',
    });
    expect(resolveMount(mounts, '/index.html?x=1')).toEqual({ prefix: '/', file: '/srv/page/index.html' });
  });
  it('refuses paths that climb out of the folder', () => {
    expect(resolveMount(mounts, '/weights/../../etc/passwd')).toBeNull();
    expect(resolveMount(mounts, '/weights/%2e%2e/x')).toBeNull();
  });
});

describe('startStaticServer', () => {
  it('serves files cross-origin isolated and counts the bytes it sends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
    writeFileSync(join(dir, 'a.wasm'), new Uint8Array(10));
    const server = await startStaticServer({ '/': dir });
    try {
      const ok = await fetch(`${server.url}/a.wasm`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(ok.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(ok.headers.get('content-type')).toBe('application/wasm');
      expect((await ok.arrayBuffer()).byteLength).toBe(10);
      expect((await fetch(`${server.url}/missing`)).status).toBe(404);
      expect(server.bytesSent.get('/')).toBe(10);
    } finally {
      await server.close();
    }
  });
});
