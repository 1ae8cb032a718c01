/**
 * Whether TF.js's threaded wasm build can start here. Its threads are workers made from
 * blob: URLs that load the backend's script with importScripts(blob:). That needs
 * cross-origin isolation (SharedArrayBuffer), and fails where a Content-Security-Policy
 * leaves blob: out of script-src or where something intercepts the worker's loads (as
 * Playwright's request routing does in Chromium). When a thread cannot start, emscripten
 * throws in the model worker and the whole model fails, so the same steps are tried first
 * on a throwaway worker, and on failure the backend runs on one thread.
 */
export async function canStartWasmThreads(timeoutMs = 5000): Promise<boolean> {
  if (
    globalThis.crossOriginIsolated !== true ||
    typeof Worker === 'undefined' ||
    typeof SharedArrayBuffer === 'undefined'
  ) {
    return false;
  }
  const script = (text: string) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  const inner = script('self.loaded = true;');
  const outer = script(
    `try { importScripts(${JSON.stringify(inner)}); postMessage(self.loaded === true); } catch { postMessage(false); }`,
  );
  try {
    return await new Promise<boolean>((resolve) => {
      let worker: Worker;
      const done = (ok: boolean) => {
        clearTimeout(timer);
        worker?.terminate();
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      try {
        worker = new Worker(outer);
      } catch {
        done(false);
        return;
      }
      worker.onmessage = (e: MessageEvent) => done(e.data === true);
      worker.onerror = (e: Event) => {
        e.preventDefault();
        done(false);
      };
    });
  } finally {
    URL.revokeObjectURL(inner);
    URL.revokeObjectURL(outer);
  }
}
