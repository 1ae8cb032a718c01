/**
 * Puts the page's Content-Security-Policy (src/app/csp.ts) into index.html as a <meta> tag,
 * in builds only: the dev server's hot reload needs inline scripts and a WebSocket.
 */
import type { Plugin } from 'vite';
import { basePolicy } from '../src/app/csp';

export function cspPlugin(): Plugin {
  return {
    name: 'forward-pass-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: basePolicy }, injectTo: 'head-prepend' },
    ],
  };
}
