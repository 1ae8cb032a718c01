import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { weightsPlugin } from './build/weights-plugin';

// Cross-origin isolation (COOP + COEP) makes SharedArrayBuffer available, which
// TF.js's wasm backend needs to run on more than one thread.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), weightsPlugin()],
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
