/**
 * A model repository on the Hugging Face Hub, its download URLs, and what the Hub says
 * its files must be (size and hash), shared by `npm run fetch-gpt2` and the page.
 *
 * Where the expected values come from: the Hub's tree API,
 *   GET {endpoint}/api/models/{repo}/tree/{revision}
 * lists every file with its size and git blob id ("oid", the SHA-1 of "blob <size>\0" + content),
 * and for files stored with Git LFS (the weights) `lfs: { oid, size }`, where lfs.oid is the
 * SHA-256 of the content. We use the API rather than the x-linked-size / x-linked-etag headers
 * of resolve/ because it works the same in Node and in a browser: there, fetch follows the
 * redirect to the CDN and the Hub's own response headers are out of reach.
 */
import { describeFetchFailure, fetchWithTimeout, HubError } from './hub-http';

export interface HubRepo {
  /** Base URL of the Hub or a mirror, without a trailing slash: https://huggingface.co */
  endpoint: string;
  /** owner/name, e.g. openai-community/gpt2. */
  repo: string;
  /** Branch, tag or commit. */
  revision: string;
}

/** What a file must be, as published by the Hub. */
export interface ExpectedFile {
  size: number;
  /** SHA-256 of the content (hex), for LFS files. */
  sha256?: string;
  /** Git blob SHA-1 (hex), for files stored in git itself. */
  gitSha1?: string;
}

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/** GPT-2 small, 124M parameters, as OpenAI released it (the Hub's "gpt2" redirects here). */
export const GPT2_SMALL_REPO = 'openai-community/gpt2';

/** The two files a GPT-2 checkpoint needs (tokenizer files are not needed: the page has its own). */
export const CHECKPOINT_FILES = ['config.json', 'model.safetensors'] as const;
export type CheckpointFile = (typeof CHECKPOINT_FILES)[number];

/**
 * GPT-2 small's files at openai-community/gpt2 revision 607a30d783dfa663caf39e06633721c8d4cfcd7e,
 * used only when the tree API does not answer (e.g. a mirror that proxies resolve/ alone).
 * These values are what the Hub's tree API lists for the repo (model.safetensors: lfs.size and
 * lfs.oid); the same size and SHA-256 are recorded independently by several public projects
 * that pin this checkpoint. The config is matched by SHA-256 of its 665 bytes.
 */
export const GPT2_SMALL_PINNED: Readonly<Record<CheckpointFile, ExpectedFile>> = {
  'config.json': { size: 665, sha256: '0daed7749b4f02b8f76240d5444551d7b08712dab4d0adb8239c56ba823bb7b4' },
  'model.safetensors': {
    size: 548_105_171,
    sha256: '248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707',
  },
};

/** An endpoint as typed by a user (env var, URL parameter): must be http(s); trailing slashes dropped. */
export function normalizeEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HubError(
      'bad-endpoint',
      `the Hub endpoint "${raw}" is not a URL (expected e.g. ${DEFAULT_HUB_ENDPOINT})`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HubError('bad-endpoint', `the Hub endpoint "${raw}" must start with http:// or https://`);
  }
  return url.href.replace(/\/+$/, '');
}

const repoPath = (r: HubRepo) => r.repo.split('/').map(encodeURIComponent).join('/');

export const hubFileUrl = (r: HubRepo, file: string): string =>
  `${r.endpoint}/${repoPath(r)}/resolve/${encodeURIComponent(r.revision)}/${file}`;

export const hubTreeUrl = (r: HubRepo): string =>
  `${r.endpoint}/api/models/${repoPath(r)}/tree/${encodeURIComponent(r.revision)}`;

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  size?: unknown;
  oid?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
}

const isHex = (v: unknown, length: number): v is string =>
  typeof v === 'string' && new RegExp(`^[0-9a-f]{${length}}$`).test(v);
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The expected size and hash of each wanted file, read from a tree API listing. */
export function parseTree(json: unknown, files: readonly string[], where: string): Map<string, ExpectedFile> {
  if (!Array.isArray(json)) throw new HubError('bad-listing', `${where}: the file listing is not a JSON array`);
  const out = new Map<string, ExpectedFile>();
  for (const entry of json as TreeEntry[]) {
    if (typeof entry !== 'object' || entry === null || typeof entry.path !== 'string' || !files.includes(entry.path))
      continue;
    const lfs = entry.lfs;
    if (lfs && isSize(lfs.size) && isHex(lfs.oid, 64)) out.set(entry.path, { size: lfs.size, sha256: lfs.oid });
    else if (isSize(entry.size) && isHex(entry.oid, 40)) out.set(entry.path, { size: entry.size, gitSha1: entry.oid });
  }
  const missing = files.filter((f) => !out.has(f));
  if (missing.length > 0) throw new HubError('missing', `${where}: the repository has no ${missing.join(' or ')}`);
  return out;
}

export interface FetchOptions {
  fetchImpl?: typeof fetch;
  /** How long to wait for a server to answer before giving up, in ms. */
  timeoutMs?: number;
}

/**
 * Asks the Hub what the checkpoint's files must be. When the listing is unavailable, GPT-2 small
 * falls back to its pinned values; any other repo fails, since its files could not be verified.
 * Network failures (offline, DNS, refused, timeout) are never papered over by the fallback.
 */
export async function fetchExpectedFiles(
  r: HubRepo,
  options: FetchOptions = {},
): Promise<Map<CheckpointFile, ExpectedFile>> {
  const url = hubTreeUrl(r);
  let response: Response;
  try {
    response = await fetchWithTimeout(url, {}, options);
  } catch (e) {
    throw describeFetchFailure(e, url, options.timeoutMs);
  }
  let listing: unknown;
  let problem: string;
  if (response.ok) {
    try {
      listing = await response.json();
      return parseTree(listing, CHECKPOINT_FILES, url) as Map<CheckpointFile, ExpectedFile>;
    } catch (e) {
      if (e instanceof HubError && e.kind === 'missing') throw e;
      problem = e instanceof HubError ? e.message : `${url}: the file listing is not JSON`;
    }
  } else {
    await response.body?.cancel();
    if (response.status === 404 && !isPinnedRepo(r)) {
      throw new HubError('missing', `${url}: no such repository or revision on the Hub (HTTP 404)`);
    }
    problem = `${url}: HTTP ${response.status}`;
  }
  if (isPinnedRepo(r)) return new Map(Object.entries(GPT2_SMALL_PINNED) as [CheckpointFile, ExpectedFile][]);
  throw new HubError('bad-listing', `cannot verify the download: ${problem}`);
}

/** The pinned values describe GPT-2 small on its main branch (and the commit they were taken at). */
const isPinnedRepo = (r: HubRepo): boolean =>
  (r.repo === GPT2_SMALL_REPO || r.repo === 'gpt2') &&
  (r.revision === 'main' || r.revision === '607a30d783dfa663caf39e06633721c8d4cfcd7e');
