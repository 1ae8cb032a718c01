/**
 * Builds the offline service worker (src/offline/sw.ts) into dist/sw.js and writes into it
 * the list of the build's files, the bundled models' folders, and a version: a hash of the
 * file names (which carry content hashes) and of the models' manifests (which carry their
 * shards' SHA-256), so any change to the page or a bundled model makes a new cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { BUNDLED_MODELS, weightsRoot } from './weights-plugin.ts';

const SW_FILE = 'sw.js';

export function offlinePlugin(weightsDir = weightsRoot()): Plugin {
  return {
    name: 'forward-pass-offline',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: resolve('src/offline/sw.ts'), fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (!sw || sw.type !== 'chunk') return this.error(`${SW_FILE} was not built`);
      // Registered as a classic script, the worker cannot load chunks: code it shares with the
      // page must not be split out of it (type-only imports are fine).
      const loads = [...sw.imports, ...sw.dynamicImports];
      if (loads.length > 0)
        return this.error(`${SW_FILE} imports ${loads.join(', ')}, which a service worker script cannot load`);
      const shell = Object.keys(bundle)
        .filter((f) => f !== SW_FILE && !f.endsWith('.map'))
        .sort();
      const models = BUNDLED_MODELS.filter((m) => existsSync(join(weightsDir, m, 'model.json')));
      const hash = createHash('sha256').update(shell.join('\n'));
      for (const m of models) hash.update(readFileSync(join(weightsDir, m, 'model.json')));
      const values: Record<string, string> = {
        __OFFLINE_SHELL__: JSON.stringify(shell.map((f) => `./${f}`)),
        __OFFLINE_MODELS__: JSON.stringify(models.map((m) => `./weights/${m}/`)),
        __OFFLINE_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)),
      };
      sw.code = sw.code.replace(/__OFFLINE_(SHELL|MODELS|VERSION)__/g, (name) => values[name]);
    },
  };
}
