/**
 * Registers the offline service worker (build/offline-plugin.ts writes sw.js into builds).
 * Not in development: a cache-first worker would hide every edit behind stale files.
 */
export function registerOfflineWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
    // No offline copy this time (private mode, blocked storage): the page works online as before.
  });
}
