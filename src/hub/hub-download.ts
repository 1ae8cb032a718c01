/**
 * Downloads one Hub file into memory and proves it is the file the Hub publishes:
 * exactly its size, and its SHA-256 (LFS files) or git blob SHA-1 (small files).
 * Used by the page; the CLI downloads to disk with resume (src/node/node-hub-download.ts) and
 * shares the checks and messages here.
 */
import {
  checkResponse,
  fetchWithTimeout,
  describeFetchFailure,
  fileOptions,
  HubError,
  htmlError,
  readChunks,
  type HttpOptions,
} from './hub-http';
import type { ExpectedFile } from './hub-repo';
import { looksLikeHtml } from '../weights/weights-error';
import { sha256Hex } from '../weights/weights-format';
import { formatBytes, formatCount } from '../util/format';

export const sizeError = (file: string, got: number, expected: number): HubError =>
  new HubError(
    'size',
    `${file}: got ${formatCount(got)} bytes, the Hub says ${formatCount(expected)}: ` +
      (got < expected ? 'the download is incomplete' : 'this is not the published file'),
  );

export const hashError = (file: string, algorithm: string, got: string, expected: string): HubError =>
  new HubError(
    'hash',
    `${file}: ${algorithm} ${got.slice(0, 12)}... differs from the Hub's ${expected.slice(0, 12)}...: the download is corrupt`,
  );

/** The prefix git hashes before a blob's content: "blob <size>\0". */
export const gitBlobHeader = (size: number): Uint8Array => new TextEncoder().encode(`blob ${size}\0`);

async function gitBlobSha1Hex(bytes: Uint8Array): Promise<string> {
  const header = gitBlobHeader(bytes.length);
  const all = new Uint8Array(header.length + bytes.length);
  all.set(header);
  all.set(bytes, header.length);
  const digest = await globalThis.crypto.subtle.digest('SHA-1', all);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws a HubError unless `bytes` have the expected size and hash. */
export async function verifyBytes(bytes: Uint8Array, expected: ExpectedFile, file: string): Promise<void> {
  if (bytes.length !== expected.size) throw sizeError(file, bytes.length, expected.size);
  if (expected.sha256) {
    const got = await sha256Hex(bytes);
    if (got !== expected.sha256) throw hashError(file, 'SHA-256', got, expected.sha256);
  } else if (expected.gitSha1 && globalThis.crypto?.subtle) {
    // Only small files (config.json) have a git id; a page on plain HTTP has no Web Crypto
    // to hash them, and there the size check and the converter's strict parse must do.
    const got = await gitBlobSha1Hex(bytes);
    if (got !== expected.gitSha1) throw hashError(file, 'git SHA-1', got, expected.gitSha1);
  }
}

export interface DownloadOptions extends HttpOptions {
  /** Called with the number of new bytes as they arrive. */
  onBytes?: (n: number) => void;
}

/** Downloads `url` into a buffer of exactly the expected size, then verifies it. */
export async function downloadToMemory(
  url: string,
  file: string,
  expected: ExpectedFile,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  let response: Awaited<ReturnType<typeof fetchWithTimeout>>;
  try {
    response = await fetchWithTimeout(url, {}, fileOptions(options));
  } catch (e) {
    throw describeFetchFailure(e, url, fileOptions(options).timeoutMs);
  }
  await checkResponse(response, file, url);
  // One buffer of the published size: no chunk list to join, no second copy of 548 MB.
  const out = new Uint8Array(expected.size);
  let offset = 0;
  await readChunks(
    response,
    file,
    url,
    (chunk) => {
      if (offset === 0 && looksLikeHtml(chunk)) throw htmlError(file, url);
      if (offset + chunk.length > out.length) throw sizeError(file, offset + chunk.length, expected.size);
      out.set(chunk, offset);
      offset += chunk.length;
      options.onBytes?.(chunk.length);
    },
    () => `${formatBytes(offset)} of ${formatBytes(expected.size)}`,
    options.stallMs,
  );
  if (offset !== expected.size) throw sizeError(file, offset, expected.size);
  await verifyBytes(out, expected, file);
  return out;
}
