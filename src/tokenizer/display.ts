/**
 * How a token is shown on screen: whitespace made visible, invisible characters and
 * incomplete UTF-8 spelled out. One convention for the whole app:
 *   space "␣", newline "↵", tab "⇥", carriage return "␍",
 *   other invisible characters (controls, format characters, unusual spaces) "<U+200B>",
 *   bytes that are not a complete UTF-8 character "<E4 BD>".
 */
import { splitUtf8 } from './utf8';

export const VISIBLE = { space: '␣', newline: '↵', tab: '⇥', carriageReturn: '␍' } as const;

const named: Record<string, string> = {
  ' ': VISIBLE.space,
  '\n': VISIBLE.newline,
  '\t': VISIBLE.tab,
  '\r': VISIBLE.carriageReturn,
};

// Control characters, format characters (zero-width space, BOM, direction marks) and
// spaces other than U+0020 would be invisible or look like a plain space.
const invisible = /[\p{Cc}\p{Cf}\p{Z}]/u;

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

function showChar(char: string): string {
  const name = named[char];
  if (name !== undefined) return name;
  if (invisible.test(char)) return `<U+${hex(char.codePointAt(0)!, 4)}>`;
  return char;
}

/** Bytes that are not a complete character, spelled out: "<E4 BD>". */
export const showBytes = (bytes: readonly number[]): string => `<${bytes.map((b) => hex(b, 2)).join(' ')}>`;

/** The display form of a piece's bytes. */
export function displayBytes(bytes: Uint8Array): string {
  return splitUtf8(bytes)
    .map((run) => (run.kind === 'text' ? Array.from(run.text, showChar).join('') : showBytes(run.bytes)))
    .join('');
}
