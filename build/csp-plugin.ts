/**
 * Puts the page's Content-Security-Policy (src/app/csp-policy.ts) into index.html as a
 * <meta> tag, and writes `_headers` next to it with the same policy and the isolation
 * headers, for static hosts (the only way the policy reaches the model worker there).
 * Builds only: the dev server's hot reload needs inline scripts and a WebSocket.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { basePolicy } from '../src/app/csp-policy.ts';
import { headersFile, productionHeaders } from './headers.ts';

/** Written after the bundle, so the offline worker does not list it among the page's files. */
export const HEADERS_FILE = '_headers';

export function cspPlugin(): Plugin {
  return {
    name: 'forward-pass-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: basePolicy },
        injectTo: 'head-prepend',
      },
    ],
    writeBundle(options) {
      if (options.dir) writeFileSync(join(options.dir, HEADERS_FILE), headersFile(productionHeaders));
    },
  };
}
