/**
 * Builds a bench page (scripts/bench/page, or another folder such as the linear-layers
 * page) with Vite into its own folder, apart from the app's bundle.
 * Not minified: TF.js's threaded wasm backend starts its workers from the source text of
 * its emscripten factory (Function.prototype.toString), and a minifier renames the outer
 * variables that text refers to, so every worker dies with "e is not defined".
 */
import { resolve } from 'node:path';
import { build } from 'vite';

export const PAGE_SOURCE = resolve('scripts/bench/page');

export async function buildBenchPage(outDir: string, root = PAGE_SOURCE): Promise<void> {
  await build({
    configFile: false,
    root,
    base: '/',
    logLevel: 'warn',
    build: { minify: false, outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000 },
  });
}
