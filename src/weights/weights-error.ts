/**
 * The one error loading weights can end in. Its message is a single line that names
 * the file and what is wrong with it; `kind` lets the UI choose what to suggest.
 */

export type WeightsErrorKind =
  /** The file does not exist (HTTP 404, ENOENT). */
  | 'missing'
  /** The file could not be read: network failure, HTTP error, permissions. */
  | 'unreadable'
  /** An HTML page (or other non-weights content) where a weights file should be. */
  | 'not-weights'
  /** model.json is JSON but not a valid manifest for our format. */
  | 'bad-manifest'
  /** A shard is shorter than model.json says. */
  | 'truncated'
  /** A shard is longer than model.json says. */
  | 'bad-length'
  /** A shard's SHA-256 differs from model.json's. */
  | 'bad-hash'
  /** A tensor's shape disagrees with the config. */
  | 'wrong-shape'
  /** A tensor the config requires is not in the manifest. */
  | 'missing-tensor';

export class WeightsError extends Error {
  override name = 'WeightsError';
  constructor(
    readonly kind: WeightsErrorKind,
    /** Where the bad file is: a URL or a path. */
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** Joins a source location and a file name for messages and URLs: "weights/gpt2" + "model.json". */
export const joinPath = (base: string, path: string): string =>
  base === '' ? path : `${base.replace(/\/+$/, '')}/${path}`;

/**
 * True when bytes look like an HTML document: a dev server or CDN answering a missing
 * file with its error page or its index.html. Only consulted after a check has failed,
 * since a shard of random float16 values may begin with "<" by chance.
 */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<') && /<(!doctype html|html|head|body|title)[\s>]/.test(head);
}
