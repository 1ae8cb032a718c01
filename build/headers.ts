/**
 * The HTTP headers the page is served with. Cross-origin isolation (COOP + COEP) makes
 * SharedArrayBuffer available, which TF.js's wasm backend needs to run on more than one
 * thread. The built page adds its Content-Security-Policy: a <meta> policy covers the page
 * but not the model worker, whose policy can only come from its script's response headers.
 */
import { basePolicy } from '../src/app/csp-policy.ts';

export const isolationHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** What `vite preview` sends and a static host should send for every file of the build. */
export const productionHeaders: Record<string, string> = {
  ...isolationHeaders,
  'Content-Security-Policy': basePolicy,
};

/**
 * `headers` as a `_headers` file, the format Netlify and Cloudflare Pages read: a URL
 * pattern on its own line, then one indented "Name: value" line per header.
 */
export function headersFile(headers: Record<string, string>, pattern = '/*'): string {
  return [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n') + '\n';
}
