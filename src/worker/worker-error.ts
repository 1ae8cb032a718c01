/**
 * The one line a user sees when the model worker dies. A Worker's error event carries the
 * browser's console form of the error ("Uncaught Error: the WebGL context was lost", then
 * perhaps a stack): the "Uncaught" and the error's class name say nothing to a reader, so
 * only the message itself is kept.
 */
import { firstLine } from '../util/errors';

const CONSOLE_PREFIX = /^(?:Uncaught\s+)?(?:\(in promise\)\s+)?(?:(?:[A-Z]\w*)?(?:Error|Exception):\s*)?/;

export function workerErrorMessage(raw: string | undefined): string {
  return firstLine(raw, '').replace(CONSOLE_PREFIX, '').trim() || 'the worker script failed';
}
