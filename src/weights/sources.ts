/**
 * FileSources for the browser (and anywhere with fetch): a model folder served over
 * HTTP, or files already in memory (a checkpoint converted in the page).
 */
import type { FileSource } from '../model/types';
import { joinPath, WeightsError } from './weights-error';

/**
 * Files under `baseUrl` (absolute, or relative to the page). The body is streamed so
 * `onBytes` can drive a progress bar.
 */
export function httpSource(
  baseUrl: string,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
): FileSource {
  return {
    describe: () => baseUrl,
    async read(path, onBytes) {
      const url = joinPath(baseUrl, path);
      let response: Response;
      try {
        response = await fetchImpl(url);
      } catch (e) {
        throw new WeightsError('unreadable', url, `${url}: network error, could not fetch (${describeError(e)})`);
      }
      if (response.status === 404 || response.status === 410) {
        throw new WeightsError('missing', url, `${url}: not found (HTTP ${response.status})`);
      }
      if (!response.ok) {
        throw new WeightsError(
          'unreadable',
          url,
          `${url}: server answered HTTP ${response.status} ${response.statusText}`.trim(),
        );
      }
      return readBody(response, url, onBytes);
    },
  };
}

async function readBody(response: Response, url: string, onBytes?: (n: number) => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    if (!response.body) {
      const all = new Uint8Array(await response.arrayBuffer());
      onBytes?.(all.length);
      return all;
    }
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
      onBytes?.(value.length);
    }
  } catch (e) {
    throw new WeightsError('unreadable', url, `${url}: download failed after ${length} bytes (${describeError(e)})`);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Files held in memory, e.g. the shards of a checkpoint converted in the browser. */
export function memorySource(files: ReadonlyMap<string, Uint8Array>, label = 'memory'): FileSource {
  return {
    describe: () => label,
    async read(path, onBytes) {
      const bytes = files.get(path);
      if (!bytes) {
        const file = joinPath(label, path);
        throw new WeightsError('missing', file, `${file}: not found`);
      }
      onBytes?.(bytes.length);
      return bytes;
    },
  };
}
