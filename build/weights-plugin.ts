/**
 * Serves the repository's weights/ folder at ./weights/ in `vite` and `vite preview`, and
 * copies the bundled models into the build output, with GPT-2 small when weights/gpt2 is
 * there at build time (after `npm run fetch-gpt2`): a site built so ships it, and the page
 * opens on it. Other local models (weights/gpt2-random) are served in dev but never copied
 * into a build. Both say which models they hold in weights/index.json (src/app/weights-index.ts).
 */
import { createReadStream, cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { Connect, Plugin } from 'vite';
import type { WeightsIndex } from '../src/app/weights-index.ts';

/** Models that ship with the page. */
export const BUNDLED_MODELS = ['gpt2-mini-circuits', 'tiny-random'];

/**
 * Shipped when present at build time. Not kept by the offline worker (see
 * src/offline/cache-rules.ts): 249 MB is the browser's HTTP cache's to keep, not ours.
 */
export const SHIPPED_IF_PRESENT = ['gpt2'];

const shipped = [...BUNDLED_MODELS, ...SHIPPED_IF_PRESENT];

/** The weights folder: ./weights, or FORWARD_PASS_WEIGHTS (tests build from a folder of their own). */
export const weightsRoot = (): string => resolve(process.env.FORWARD_PASS_WEIGHTS || 'weights');

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
};

const INDEX_FILE = 'index.json';

/** The folders of root (of those named, when given) that hold a model.json, sorted. */
export function modelsIn(root: string, names?: readonly string[]): string[] {
  const candidates = names ?? (existsSync(root) ? readdirSync(root) : []);
  return candidates.filter((name) => existsSync(join(root, name, 'model.json'))).sort();
}

const indexJson = (models: string[]): string => JSON.stringify({ models } satisfies WeightsIndex);

/** The file a /weights/... URL path names inside root, or null if it escapes root. */
export function weightsFile(root: string, urlPath: string): string | null {
  const rel = decodeURIComponent(urlPath.split('?')[0]).replace(/^\/+/, '');
  const file = resolve(root, rel);
  return file.startsWith(root + sep) ? file : null;
}

function middleware(root: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const url = req.url ?? '';
    const at = url.indexOf('/weights/');
    if (at < 0) return next();
    const path = url.slice(at + '/weights/'.length);
    // Everything root holds is served here, so the index lists all of it.
    if (path.split('?')[0] === INDEX_FILE) {
      res.setHeader('Content-Type', CONTENT_TYPES['.json']);
      res.setHeader('Cache-Control', 'no-cache');
      res.end(indexJson(modelsIn(root)));
      return;
    }
    const file = weightsFile(root, path);
    // Answer 404 ourselves: Vite's fallback would serve index.html for a missing model.
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', statSync(file).size);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-cache');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}

export function weightsPlugin(weightsDir = weightsRoot()): Plugin {
  let outDir = 'dist';
  return {
    name: 'forward-pass-weights',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware(weightsDir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(weightsDir));
    },
    generateBundle() {
      // An asset of the bundle, so the offline worker keeps it with the page.
      this.emitFile({
        type: 'asset',
        fileName: `weights/${INDEX_FILE}`,
        source: indexJson(modelsIn(weightsDir, shipped)),
      });
    },
    closeBundle() {
      for (const name of shipped) {
        const from = join(weightsDir, name);
        if (existsSync(join(from, 'model.json'))) cpSync(from, join(outDir, 'weights', name), { recursive: true });
      }
    },
  };
}
