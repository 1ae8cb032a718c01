/**
 * HTTP for Hub downloads, in Node and the browser alike: a deadline for the server to answer
 * (so being offline fails in seconds, not minutes), a stall deadline while the body streams,
 * response checks (status, an HTML page where a file should be), and one-line messages
 * for every way it can fail.
 */
import { firstLine } from '../util/errors';

export type HubErrorKind =
  /** The endpoint is not an http(s) URL. */
  | 'bad-endpoint'
  /** The server could not be reached: offline, DNS failure, connection refused or reset. */
  | 'network'
  /** The server did not answer, or the body stopped arriving, within the deadline. */
  | 'timeout'
  /** The server answered with an HTTP error. */
  | 'http'
  /** The repository, revision or file does not exist. */
  | 'missing'
  /** The file listing could not be read, so the download cannot be verified. */
  | 'bad-listing'
  /** An HTML page arrived where a file should be (a login page, a proxy's error page). */
  | 'html'
  /** The file's size differs from what the Hub publishes. */
  | 'size'
  /** The file's hash differs from what the Hub publishes. */
  | 'hash';

export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly kind: HubErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How long a server may take to start answering: short for the first contact (the file
 * listing), so being offline fails in seconds; longer for the files, whose answer comes through
 * a redirect to a CDN. And how long a body may pause while streaming.
 */
export const CONNECT_TIMEOUT_MS = 7_000;
export const FILE_TIMEOUT_MS = 30_000;
export const STALL_TIMEOUT_MS = 30_000;

/** Options for a file download: the caller's deadline, else the one for files. */
export const fileOptions = <T extends HttpOptions>(options: T): T => ({
  ...options,
  timeoutMs: options.timeoutMs ?? FILE_TIMEOUT_MS,
});

export interface HttpOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  stallMs?: number;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Marks an abort as ours (a deadline), as opposed to the caller's. */
class Deadline extends Error {
  override name = 'Deadline';
}

/** fetch with a deadline for the response headers; the returned abort() also ends the body. */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  options: HttpOptions = {},
): Promise<Response & { abortBody?: (why: string) => void }> {
  const fetchImpl = options.fetchImpl ?? ((input, i) => globalThis.fetch(input, i));
  const timeoutMs = options.timeoutMs ?? CONNECT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Deadline(`no answer within ${seconds(timeoutMs)}`)), timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    return Object.assign(response, { abortBody: (why: string) => controller.abort(new Deadline(why)) });
  } finally {
    clearTimeout(timer);
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Node's fetch hides the system error (ENOTFOUND, ECONNREFUSED...) in `cause`. */
function errorCode(e: unknown): string | undefined {
  for (let x: unknown = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A one-line HubError for a fetch that threw before any response (or while streaming one). */
export function describeFetchFailure(e: unknown, url: string, timeoutMs = CONNECT_TIMEOUT_MS): HubError {
  if (e instanceof HubError) return e;
  const host = hostOf(url);
  const reason = (e as { cause?: unknown })?.cause ?? e;
  if (e instanceof Deadline || reason instanceof Deadline) {
    return new HubError('timeout', `cannot reach ${host}: ${(reason as Error).message} (offline?)`);
  }
  const code = errorCode(e);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HubError('network', `cannot reach ${host}: the name does not resolve (offline, or no DNS?)`);
    case 'ECONNREFUSED':
      return new HubError('network', `cannot reach ${host}: connection refused`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new HubError('network', `the connection to ${host} was cut`);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new HubError('timeout', `cannot reach ${host}: no answer within ${seconds(timeoutMs)} (offline?)`);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new HubError('network', `cannot reach ${host}: no route to the network (offline?)`);
  }
  // Browsers say only "Failed to fetch" (offline, refused, blocked by CORS): say what we can.
  if (code === undefined && e instanceof TypeError) {
    const offline = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
    return new HubError(
      'network',
      `cannot reach ${host}: ${offline ? 'this device is offline' : 'no connection (offline, or the server is down or refuses this page)'}`,
    );
  }
  return new HubError('network', `cannot reach ${host} (${code ?? firstLine(e, 'unknown error')})`);
}

/** Throws a one-line HubError unless the response carries the file (200, or 206 when `partial`). */
export async function checkResponse(response: Response, file: string, url: string, partial = false): Promise<void> {
  const ok = response.status === 200 || (partial && response.status === 206);
  if (ok && !(response.headers.get('content-type') ?? '').includes('text/html')) return;
  await response.body?.cancel().catch(() => undefined);
  if (ok) throw htmlError(file, url);
  if (response.status === 404 || response.status === 410)
    throw new HubError('missing', `${file} not found at ${url} (HTTP ${response.status})`);
  const auth =
    response.status === 401 || response.status === 403 ? ': the repository needs a login the page does not have' : '';
  throw new HubError('http', `${file}: ${hostOf(url)} answered HTTP ${response.status}${auth}`);
}

export const htmlError = (file: string, url: string): HubError =>
  new HubError(
    'html',
    `${file}: ${hostOf(url)} sent an HTML page, not the file (a login page, or a proxy's error page?)`,
  );

/**
 * Reads a response body chunk by chunk. A pause longer than `stallMs` aborts the download;
 * a broken connection becomes a HubError that says how far it got.
 */
export async function readChunks(
  response: Response & { abortBody?: (why: string) => void },
  file: string,
  url: string,
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
  progress: () => string,
  stallMs = STALL_TIMEOUT_MS,
): Promise<void> {
  if (!response.body) throw new HubError('http', `${file}: the response from ${hostOf(url)} has no body`);
  const reader = response.body.getReader();
  for (;;) {
    let stalled = false;
    const timer = setTimeout(() => {
      stalled = true;
      response.abortBody?.(`no data for ${seconds(stallMs)}`);
      void reader.cancel().catch(() => undefined);
    }, stallMs);
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (e) {
      if (stalled) throw stallError(file, progress(), stallMs);
      const why = describeFetchFailure(e, url).message.replace(/^cannot reach \S+: /, '');
      throw new HubError('network', `${file}: download interrupted after ${progress()} (${why})`);
    } finally {
      clearTimeout(timer);
    }
    // Cancelling a reader ends a pending read as if the body were complete: it was not.
    if (stalled) throw stallError(file, progress(), stallMs);
    if (result.done) return;
    try {
      await onChunk(result.value);
    } catch (e) {
      await reader.cancel().catch(() => undefined);
      throw e;
    }
  }
}

const stallError = (file: string, done: string, stallMs: number) =>
  new HubError('timeout', `${file}: download stalled after ${done} (no data for ${seconds(stallMs)})`);
