/**
 * The page's Content-Security-Policy. The build puts `basePolicy` in a <meta> tag of
 * index.html (build/csp-plugin.ts); at start-up the page adds a second policy that limits
 * connections to its own origin and the model host the user chose (?hub=). A browser
 * enforces every policy it is given, so the second can only narrow the first.
 *
 * Why each source is there: 'wasm-unsafe-eval' compiles TF.js's wasm backend (no other
 * eval is allowed); blob: workers are how TF.js's threaded wasm starts its threads;
 * data: images are the PNG exports. Styles set through the DOM (React's style prop, D3)
 * are not affected by style-src.
 */
import { DEFAULT_HUB_ENDPOINT } from '../model/hub-repo';

/** Hosts the Hugging Face Hub redirects file downloads to. */
const HUB_CDN = ['https://*.huggingface.co', 'https://*.hf.co'];

export const basePolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // Any https host, or a local one, could be the Hub address the user gives in ?hub=;
  // connectPolicy narrows this to the one chosen.
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** connect-src for this page: its own origin and the chosen Hub endpoint (with the Hub's CDN for the default one). */
export function connectPolicy(hubEndpoint: string): string {
  const hosts = [new URL(hubEndpoint).origin, ...(hubEndpoint === DEFAULT_HUB_ENDPOINT ? HUB_CDN : [])];
  return `connect-src 'self' ${hosts.join(' ')}`;
}

/** Adds connectPolicy to the document (before anything connects). */
export function applyConnectPolicy(hubEndpoint: string): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectPolicy(hubEndpoint);
  document.head.prepend(meta);
}
