/**
 * Thread count for TF.js's wasm backend. Its C++ side caps the XNNPACK thread pool at
 * navigator.hardwareConcurrency / 2 (it assumes two hardware threads per core), so on a
 * 2-core machine setThreadsCount(2) still gives one thread while onnxruntime-web uses two.
 * For a same-thread-count comparison the cap is lifted by reporting twice the wanted count
 * to the wasm module while it starts (it reads the value once, when it is instantiated).
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
