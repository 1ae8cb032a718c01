/**
 * Turns the --text flag into token ids with the app-wide context policy (the page does the
 * same): a prompt longer than n_positions keeps its last n_positions tokens, the ones
 * nearest to the prediction, and the user is told how many were dropped.
 */
import { contextUsage, encodeToIds, fitToContext, normalizePrompt } from '../../src/tokenizer';
import { CliError } from './cli-error';

/**
 * The prompt text as it will be encoded, or an error when there is nothing to encode.
 * Whitespace is text: " " is GPT-2 token 220, and the page traces it too.
 */
export function requirePrompt(text: string | undefined): string {
  if (text === undefined) throw new CliError('--text is required: the prompt to run (see --help)', 2);
  if (text === '') throw new CliError('the prompt is empty: give some text with --text', 2);
  return normalizePrompt(text);
}

/** The prompt's token ids, at most `limit` of them; `dropped` counts the tokens removed from the front. */
export function promptIds(text: string, limit: number): { ids: number[]; dropped: number } {
  const ids = encodeToIds(text);
  const usage = contextUsage(ids.length, limit);
  return { ids: fitToContext(ids, limit), dropped: usage.overflow };
}

/** The notice for a prompt that did not fit, worded as on the page. */
export const droppedNotice = (dropped: number, limit: number): string =>
  `the prompt is ${dropped} tokens too long: the model sees only the last ${limit}`;
