/**
 * Page options read from the URL: ?backend=webgl|wasm|cpu forces a TF.js backend (for
 * comparing them and for tests), ?model=<catalog id> picks a model. Unknown values are
 * reported, not silently used.
 */
import type { BackendName } from '../model/types';

const BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

export interface PageOptions {
  /** Backend order for the worker; undefined lets it choose (webgl, wasm, cpu). */
  backends?: BackendName[];
  /** The ?backend value when it is not a backend name. */
  badBackend?: string;
  model?: string;
}

export function readPageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const out: PageOptions = {};
  const backend = params.get('backend');
  if (backend) {
    if ((BACKENDS as string[]).includes(backend)) out.backends = [backend as BackendName];
    else out.badBackend = backend;
  }
  const model = params.get('model');
  if (model) out.model = model;
  return out;
}
