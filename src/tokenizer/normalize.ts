/**
 * Text must be valid Unicode before it becomes UTF-8 bytes. A JavaScript string can hold a
 * lone surrogate (half of a surrogate pair, e.g. from slicing an emoji in two), which has
 * no UTF-8 form: TextEncoder, and so the tokenizer, silently turns it into U+FFFD.
 * normalizePrompt makes that replacement explicit and visible before encoding, so the
 * prompt the user sees is exactly what decode(encode(prompt)) gives back.
 * Nothing else is changed (no Unicode normalization, no newline conversion): GPT-2
 * itself sees the bytes as typed.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const REPLACEMENT_CHARACTER = '\uFFFD';

export function normalizePrompt(text: string): string {
  return text.replace(loneSurrogate, REPLACEMENT_CHARACTER);
}
