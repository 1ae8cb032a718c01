/**
 * A token given as text, such as " Mary", for an attribution target or a sweep's answer:
 * it must be exactly one GPT-2 token, or the logit asked about does not exist.
 */
import { encodeToIds, tokenInfo } from '../../tokenizer';

/** The id of the one token `text` encodes to; otherwise one line naming its pieces. */
export function singleTokenId(text: string, what = 'the target'): number {
  const ids = encodeToIds(text);
  if (ids.length === 1) return ids[0];
  if (ids.length === 0) throw new Error(`${what} is empty: give the text of one GPT-2 token, such as " Mary"`);
  const pieces = ids.map((id) => JSON.stringify(tokenInfo(id).text)).join(', ');
  throw new Error(
    `${what} ${JSON.stringify(text)} is ${ids.length} GPT-2 tokens (${pieces}): give the text of exactly one token`,
  );
}
