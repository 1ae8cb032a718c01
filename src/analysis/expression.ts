/**
 * Parsing what the embedding explorer is asked: "king - man + woman" (a signed sum of
 * tokens) and "king, queen, man, woman" (a list of tokens to compare). Each term must
 * be a single GPT-2 token, since it names one row of W_E. Words typed without a leading
 * space get one when `leadingSpace` is set: " king" (as in mid-sentence) and "king"
 * (as at the start of a text) are different tokens with different rows.
 */
import { encode, type TokenInfo } from '../tokenizer';

export interface ParsedTerm {
  text: string;
  sign: 1 | -1;
  token: TokenInfo;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

/** What went wrong, as a message key and its values (the panel translates it). */
export interface ExpressionError {
  key: 'expr.empty' | 'expr.multi' | 'expr.operator';
  vars: Record<string, string | number>;
}

/** The single token a word stands for, or an error naming the pieces it splits into. */
function singleToken(word: string, leadingSpace: boolean): ParseResult<TokenInfo> {
  const text = leadingSpace && !/^\s/.test(word) ? ` ${word}` : word;
  const pieces = encode(text);
  if (pieces.length === 1) return { ok: true, value: pieces[0] };
  return {
    ok: false,
    error: {
      key: 'expr.multi',
      vars: { word: text, n: pieces.length, pieces: pieces.map((p) => p.display).join(' | ') },
    },
  };
}

/**
 * "a - b + c" into signed single tokens. A leading sign is allowed; two operators in a row, or a trailing one, are not.
 */
export function parseExpression(input: string, leadingSpace: boolean): ParseResult<ParsedTerm[]> {
  const parts = input
    .split(/([+-])/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const terms: ParsedTerm[] = [];
  let sign: 1 | -1 = 1;
  let afterOperator = false;
  for (const part of parts) {
    if (part === '+' || part === '-') {
      if (afterOperator) return { ok: false, error: { key: 'expr.operator', vars: {} } };
      sign = part === '-' ? -1 : 1;
      afterOperator = true;
      continue;
    }
    const tok = singleToken(part, leadingSpace);
    if (!tok.ok) return tok;
    terms.push({ text: part, sign, token: tok.value });
    sign = 1;
    afterOperator = false;
  }
  if (afterOperator) return { ok: false, error: { key: 'expr.operator', vars: {} } };
  if (terms.length === 0) return { ok: false, error: { key: 'expr.empty', vars: {} } };
  return { ok: true, value: terms };
}

/** "king, queen, man" into single tokens (duplicates dropped, order kept). */
export function parseTokenList(input: string, leadingSpace: boolean): ParseResult<TokenInfo[]> {
  const out: TokenInfo[] = [];
  for (const raw of input.split(',')) {
    const word = raw.trim();
    if (word === '') continue;
    const tok = singleToken(word, leadingSpace);
    if (!tok.ok) return tok;
    if (!out.some((t) => t.id === tok.value.id)) out.push(tok.value);
  }
  if (out.length === 0) return { ok: false, error: { key: 'expr.empty', vars: {} } };
  return { ok: true, value: out };
}

/** One optional word ("queen", the answer expected from a sum): null when left empty. */
export function parseOptionalToken(input: string, leadingSpace: boolean): ParseResult<TokenInfo | null> {
  const word = input.trim();
  return word === '' ? { ok: true, value: null } : singleToken(word, leadingSpace);
}
