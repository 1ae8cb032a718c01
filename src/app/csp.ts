/**
 * The page's second Content-Security-Policy, added at start-up: it limits connections to
 * the page's own origin and the model host the user chose (?hub=). The first policy,
 * `basePolicy` (csp-policy.ts), comes with the build; a browser enforces every policy it
 * is given, so this one can only narrow it.
 */
import { DEFAULT_HUB_ENDPOINT } from '../hub/hub-repo';

/** Hosts the Hugging Face Hub redirects file downloads to. */
const HUB_CDN = ['https://*.huggingface.co', 'https://*.hf.co'];

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
