import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspPlugin, HEADERS_FILE } from '../../build/csp-plugin';
import { headersFile, productionHeaders } from '../../build/headers';
import { basePolicy } from '../../src/app/csp-policy';

describe('the headers the build is served with', () => {
  it('carry the page policy and cross-origin isolation', () => {
    expect(productionHeaders).toEqual({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Content-Security-Policy': basePolicy,
    });
    expect(basePolicy).toMatch(/script-src 'self' 'wasm-unsafe-eval' blob:;/);
    expect(basePolicy.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it('are written as a Netlify / Cloudflare Pages _headers file', () => {
    expect(headersFile({ A: '1', 'B-C': 'x y; z' })).toBe('/*\n  A: 1\n  B-C: x y; z\n');
  });

  it('land in the build folder as _headers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forward-pass-headers-'));
    try {
      const hook = cspPlugin().writeBundle as (options: { dir: string }) => void;
      hook({ dir });
      const lines = readFileSync(join(dir, HEADERS_FILE), 'utf8').split('\n');
      expect(lines[0]).toBe('/*');
      expect(lines).toContain(`  Content-Security-Policy: ${basePolicy}`);
      expect(lines).toContain('  Cross-Origin-Embedder-Policy: require-corp');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
