import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspPlugin } from './build/csp-plugin.ts';
import { isolationHeaders, productionHeaders } from './build/headers.ts';
import { offlinePlugin } from './build/offline-plugin.ts';
import { weightsPlugin } from './build/weights-plugin.ts';

// Minify by renaming only. TF.js's threaded wasm backend starts its worker threads from the
// source text of its emscripten factory (Function.prototype.toString); the compressor
// drops a `typeof _scriptDir !== "undefined"` guard inside it because the variable is
// declared in the enclosing module, and in the thread's worker, where it is not, every
// thread dies with "e is not defined" and the backend never starts.
const minify = { compress: false, mangle: true, codegen: true };

export default defineConfig({
  plugins: [react(), weightsPlugin(), cspPlugin(), offlinePlugin()],
  base: './',
  // The dev server has no CSP (hot reload needs inline scripts); preview serves the build as a host should.
  server: { headers: isolationHeaders },
  preview: { headers: productionHeaders },
  worker: { format: 'es', rolldownOptions: { output: { minify } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, rolldownOptions: { output: { minify } } },
});
