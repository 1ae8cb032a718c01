/**
 * Downloads one Hub file to disk, resumably (Node only: never import from browser code).
 *
 * Bytes go to `<dest>.part`. A later run that finds a .part asks for the rest with an HTTP
 * Range request, hashing the bytes already on disk first, so the final size and hash checks
 * cover the whole file. Only a verified file is renamed to `dest`; a file that fails its hash
 * is deleted (resuming it would only keep the corruption), an interrupted one is kept.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { gitBlobHeader, hashError, sizeError } from '../hub/hub-download';
import { formatBytes } from '../util/format';
import {
  checkResponse,
  describeFetchFailure,
  fetchWithTimeout,
  fileOptions,
  htmlError,
  HubError,
  readChunks,
  type HttpOptions,
} from '../hub/hub-http';
import type { ExpectedFile } from '../hub/hub-repo';
import { looksLikeHtml } from '../weights/weights-error';

export interface FileDownloadOptions extends HttpOptions {
  /** Called with bytes done (including bytes resumed from disk) and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface FileDownloadResult {
  /** Bytes already on disk from an earlier, interrupted run. */
  resumedFrom: number;
  /** False when `dest` was already complete and verified. */
  downloaded: boolean;
}

const sizeOf = async (path: string): Promise<number | null> => {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
};

/** The first byte of a 206 response's Content-Range: "bytes 100-199/200" -> 100. */
const rangeStart = (response: Response): number | null => {
  const m = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '');
  return m ? Number(m[1]) : null;
};

/** A hasher for the expected digest, with git's blob header already fed in when needed. */
function newHash(expected: ExpectedFile): { hash: Hash; algorithm: string; want: string } {
  if (expected.sha256) return { hash: createHash('sha256'), algorithm: 'SHA-256', want: expected.sha256 };
  if (!expected.gitSha1) throw new Error('no hash to verify against');
  const hash = createHash('sha1').update(gitBlobHeader(expected.size));
  return { hash, algorithm: 'git SHA-1', want: expected.gitSha1 };
}

async function hashFile(path: string, expected: ExpectedFile): Promise<ReturnType<typeof newHash>> {
  const h = newHash(expected);
  for await (const chunk of createReadStream(path)) h.hash.update(chunk as Buffer);
  return h;
}

async function isVerified(path: string, expected: ExpectedFile): Promise<boolean> {
  if ((await sizeOf(path)) !== expected.size) return false;
  const h = await hashFile(path, expected);
  return h.hash.digest('hex') === h.want;
}

export async function downloadToFile(
  url: string,
  dest: string,
  file: string,
  expected: ExpectedFile,
  options: FileDownloadOptions = {},
): Promise<FileDownloadResult> {
  if (await isVerified(dest, expected)) {
    options.onProgress?.(expected.size, expected.size);
    return { resumedFrom: expected.size, downloaded: false };
  }
  const part = `${dest}.part`;
  let start = (await sizeOf(part)) ?? 0;
  if (start > expected.size) {
    await rm(part);
    start = 0;
  }
  let h = start > 0 ? await hashFile(part, expected) : newHash(expected);
  const resumedFrom = start;

  if (start < expected.size) {
    const headers: Record<string, string> = start > 0 ? { Range: `bytes=${start}-` } : {};
    let response: Awaited<ReturnType<typeof fetchWithTimeout>>;
    try {
      response = await fetchWithTimeout(url, { headers }, fileOptions(options));
    } catch (e) {
      throw describeFetchFailure(e, url, fileOptions(options).timeoutMs);
    }
    await checkResponse(response, file, url, true);
    if (response.status === 206 && rangeStart(response) !== start) {
      await response.body?.cancel();
      throw new HubError('http', `${file}: asked ${new URL(url).host} for bytes from ${start}, it sent another range`);
    }
    if (start > 0 && response.status !== 206) {
      // The server ignored the range and sends the whole file: start the .part over.
      start = 0;
      h = newHash(expected);
    }
    const handle = await open(part, start > 0 ? 'a' : 'w');
    let done = start;
    let useless = false;
    try {
      await readChunks(
        response,
        file,
        url,
        async (chunk) => {
          if (done === 0 && looksLikeHtml(chunk)) throw htmlError(file, url);
          if (done + chunk.length > expected.size) throw sizeError(file, done + chunk.length, expected.size);
          h.hash.update(chunk);
          // Written before the next read, so an interruption loses nothing that arrived.
          await handle.write(chunk);
          done += chunk.length;
          options.onProgress?.(done, expected.size);
        },
        () => `${formatBytes(done)} of ${formatBytes(expected.size)}`,
        options.stallMs,
      );
    } catch (e) {
      // What arrived intact is kept for a resume; a wrong file (an HTML page, too long) is not.
      const kind = e instanceof HubError ? e.kind : undefined;
      useless = kind === 'html' || kind === 'size';
      throw e;
    } finally {
      await handle.close();
      if (useless) await rm(part, { force: true });
    }
    if (done !== expected.size) throw sizeError(file, done, expected.size);
  }

  const got = h.hash.digest('hex');
  if (got !== h.want) {
    await rm(part, { force: true });
    throw hashError(file, h.algorithm, got, h.want);
  }
  await rename(part, dest);
  return { resumedFrom, downloaded: true };
}
