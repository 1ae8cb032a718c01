/**
 * Turns the --text flag into token ids, checking it against the model's context
 * with the app-wide policy: too long is an error unless --truncate, which keeps the
 * last n_positions tokens.
 */
import { contextUsage, encodeToIds, fitToContext, normalizePrompt } from '../../src/tokenizer';
import { CliError } from './cli-error';

/** The prompt text as it will be encoded, or an error when there is nothing to encode. */
export function requirePrompt(text: string | undefined): string {
  if (text === undefined) throw new CliError('--text is required: the prompt to run (see --help)', 2);
  if (text.trim() === '') throw new CliError('the prompt is empty: give some text with --text', 2);
  return normalizePrompt(text);
}

/** The prompt's token ids, at most `limit` of them; `dropped` counts what --truncate removed from the front. */
export function promptIds(text: string, limit: number, truncate: boolean): { ids: number[]; dropped: number } {
  const ids = encodeToIds(text);
  const usage = contextUsage(ids.length, limit);
  if (usage.fits) return { ids, dropped: 0 };
  if (!truncate) {
    throw new CliError(
      `the prompt is ${usage.tokens} tokens but the model reads at most ${usage.limit}; ` +
        `shorten it or add --truncate to keep the last ${usage.limit} tokens`,
      2,
    );
  }
  return { ids: fitToContext(ids, limit), dropped: usage.overflow };
}
