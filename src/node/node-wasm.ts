/**
 * Node only: where the wasm backend's .wasm binaries are on disk, for
 * selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() }). Never imported by browser code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

export function nodeWasmPaths(): string {
  const require = createRequire(import.meta.url);
  // The package's main file lives in its dist/ folder, next to the binaries.
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}
