/**
 * Splits a byte string into runs of complete UTF-8 characters and runs of bytes that do
 * not form a complete character. A BPE piece can end (or start) in the middle of a
 * character: one Chinese character or emoji is often split over two or three tokens.
 */
export type Utf8Run = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: number[] };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Number of bytes a UTF-8 sequence starting with `lead` should have, or 0 if `lead` cannot start one. */
export function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes bytes[start, start + n) as one character, or returns null if it is not a valid one. */
function decodeChar(bytes: Uint8Array, start: number, n: number): string | null {
  if (n === 0 || start + n > bytes.length) return null;
  try {
    return strict.decode(bytes.subarray(start, start + n));
  } catch {
    return null;
  }
}

export function splitUtf8(bytes: Uint8Array): Utf8Run[] {
  const runs: Utf8Run[] = [];
  const push = (run: Utf8Run) => {
    const last = runs[runs.length - 1];
    if (last?.kind === 'text' && run.kind === 'text') last.text += run.text;
    else if (last?.kind === 'bytes' && run.kind === 'bytes') last.bytes.push(...run.bytes);
    else runs.push(run);
  };
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes[i]);
    const char = decodeChar(bytes, i, n);
    if (char === null) {
      push({ kind: 'bytes', bytes: [bytes[i]] });
      i += 1;
    } else {
      push({ kind: 'text', text: char });
      i += n;
    }
  }
  return runs;
}

/** True when the bytes are entirely valid UTF-8 (so they decode to text without loss). */
export function isCompleteUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
