/**
 * Thread count for TF.js's wasm backend in a browser or worker. Its C++ side caps the XNNPACK
 * thread pool at navigator.hardwareConcurrency / 2 (it assumes two hardware threads per
 * core), so on a 2-core machine setThreadsCount(2) still gives one thread. The cap is lifted
 * by reporting twice the wanted count while the backend starts (the wasm module reads it
 * once, when it is instantiated); the real value is restored right after. Threads also need
 * a cross-origin isolated page (SharedArrayBuffer); without it TF.js runs one thread anyway.
 *
 *   const backend = await withWasmThreads(2, () => selectBackend(['wasm'], { wasmPaths }));
 */
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

export async function withWasmThreads<T>(threads: number, start: () => Promise<T>): Promise<T> {
  setThreadsCount(threads);
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}
