/**
 * A local stand-in for the Hugging Face Hub (node:http on 127.0.0.1), answering as the Hub does:
 * - GET /api/models/{repo}/tree/{rev}: the file listing, with git blob ids and, for the LFS
 *   file, lfs { oid: SHA-256, size, pointerSize };
 * - GET/HEAD /{repo}/resolve/{rev}/config.json: the file, with its git blob id as ETag;
 * - GET/HEAD /{repo}/resolve/{rev}/model.safetensors: a 302 to a CDN URL with x-linked-size and
 *   x-linked-etag (the SHA-256), and the CDN honours Range requests with 206.
 * CORS is open (the browser test fetches it from the page's origin). Faults can be switched on
 * to test how clients fail: a cut connection, a wrong body, an HTML page, no listing.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHubFile {
  path: string;
  bytes: Uint8Array;
  /** Stored with Git LFS (listed with lfs.oid = SHA-256, served through the CDN redirect). */
  lfs: boolean;
}

export interface FakeHubFaults {
  /** End the connection after this many body bytes of the named file (once, then serve normally). */
  cutAfter?: { path: string; bytes: number };
  /** Serve these bytes instead of the listed file's (the listing still describes the real one). */
  replaceBody?: { path: string; bytes: Uint8Array };
  /** Answer the file with an HTML page, status 200. */
  htmlFor?: string;
  /** Answer the tree listing with this status instead. */
  treeStatus?: number;
  /** Ignore Range headers (always send the whole file with 200). */
  ignoreRange?: boolean;
}

export interface RequestLog {
  method: string;
  url: string;
  range?: string;
}

export interface FakeHub {
  endpoint: string;
  repo: string;
  revision: string;
  requests: RequestLog[];
  faults: FakeHubFaults;
  close(): Promise<void>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const gitSha1 = (b: Uint8Array) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

const HTML_PAGE = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in.</body></html>\n';

export async function startFakeHub(
  files: FakeHubFile[],
  repo = 'openai-community/gpt2',
  revision = 'main',
): Promise<FakeHub> {
  const requests: RequestLog[] = [];
  const faults: FakeHubFaults = {};
  const byPath = new Map(files.map((f) => [f.path, f]));
  const commit = 'f'.repeat(40);

  const listing = () =>
    files.map((f) => ({
      type: 'file',
      oid: f.lfs
        ? gitSha1(
            new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(f.bytes)}\n`),
          )
        : gitSha1(f.bytes),
      size: f.lfs ? 134 : f.bytes.length,
      path: f.path,
      ...(f.lfs ? { lfs: { oid: sha256(f.bytes), size: f.bytes.length, pointerSize: 134 } } : {}),
    }));

  function send(req: IncomingMessage, res: ServerResponse, file: FakeHubFile): void {
    if (faults.htmlFor === file.path) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(HTML_PAGE);
      return;
    }
    const body = faults.replaceBody?.path === file.path ? faults.replaceBody.bytes : file.bytes;
    const headers: Record<string, string | number> = {
      'content-type': file.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      'accept-ranges': 'bytes',
      etag: `"${file.lfs ? sha256(file.bytes) : gitSha1(file.bytes)}"`,
      'x-repo-commit': commit,
    };
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    let status = 200;
    if (range && !faults.ignoreRange) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        res.end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    }
    const part = body.subarray(start);
    headers['content-length'] = part.length;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const cut = faults.cutAfter?.path === file.path ? faults.cutAfter.bytes : null;
    if (cut !== null && cut < part.length) {
      faults.cutAfter = undefined;
      // Send part of the body, then drop the connection as a failing network would.
      res.write(part.subarray(0, cut), () => setTimeout(() => res.destroy(), 50));
      return;
    }
    res.end(part);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ method: req.method ?? 'GET', url: url.pathname, range: req.headers.range });
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'x-linked-size, x-linked-etag, x-repo-commit, etag, content-range');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': 'range', 'access-control-allow-methods': 'GET, HEAD' });
      res.end();
      return;
    }
    if (url.pathname === `/api/models/${repo}/tree/${revision}`) {
      if (faults.treeStatus) {
        res.writeHead(faults.treeStatus, { 'content-type': 'application/json' });
        res.end('{"error":"unavailable"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(listing()));
      return;
    }
    const resolve = url.pathname.startsWith(`/${repo}/resolve/${revision}/`)
      ? url.pathname.slice(`/${repo}/resolve/${revision}/`.length)
      : null;
    const file = resolve === null ? undefined : byPath.get(resolve);
    if (file && file.lfs) {
      // The Hub's answer for LFS files: a redirect to the CDN, with the file's size and hash.
      res.writeHead(302, {
        location: `/cdn/${sha256(file.bytes)}/${file.path}`,
        'x-linked-size': file.bytes.length,
        'x-linked-etag': `"${sha256(file.bytes)}"`,
        'x-repo-commit': commit,
      });
      res.end();
      return;
    }
    if (file) return send(req, res, file);
    const cdn = /^\/cdn\/[0-9a-f]{64}\/(.+)$/.exec(url.pathname);
    const cdnFile = cdn ? byPath.get(cdn[1]) : undefined;
    if (cdnFile) return send(req, res, cdnFile);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Entry not found');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    repo,
    revision,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A closed local port: bound once to find a free number, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
