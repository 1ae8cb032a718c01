/**
 * The page's Content-Security-Policy, the one source of it: the build puts it in a <meta>
 * tag of index.html and in the `_headers` file for static hosts, and `vite preview` sends
 * it as a header (build/csp-plugin.ts, build/headers.ts). It imports nothing, so the build
 * tooling can load it without the app's modules.
 *
 * Why each source is there: 'wasm-unsafe-eval' compiles TF.js's wasm backend (no other
 * eval is allowed); blob: workers are how TF.js's threaded wasm starts its threads, and
 * each thread loads the backend's script from a blob: URL (importScripts), hence
 * script-src blob: too (a blob: URL can only be made by code already running here);
 * data: images are the PNG exports. Styles set through the DOM (React's style prop, D3)
 * are not affected by style-src.
 */
export const basePolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
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
