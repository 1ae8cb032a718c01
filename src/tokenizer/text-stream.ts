/**
 * Token bytes to text as they arrive, for printing a generation. GPT-2's tokens are byte
 * pieces: one character can be split over two or three tokens, so the bytes of a character
 * that has not finished are held until its last byte comes. Bytes that can never be text (a
 * stray continuation byte, or a character cut off at the end) are printed in the display
 * form "<E4 BD>", never silently as U+FFFD.
 */
import { showBytes } from './display';
import { sequenceLength, splitUtf8 } from './utf8';

export interface TextStream {
  /** The text that these bytes complete (possibly empty). */
  push(bytes: Uint8Array): string;
  /** Whatever is still held, as bytes shown "<E4 BD>"; the stream starts afresh after it. */
  end(): string;
}

const isContinuation = (b: number) => (b & 0xc0) === 0x80;

/** Where the bytes' unfinished last character starts (bytes.length if none is unfinished). */
function unfinishedStart(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    if (isContinuation(bytes[i])) continue;
    return sequenceLength(bytes[i]) > bytes.length - i ? i : bytes.length;
  }
  return bytes.length;
}

const render = (bytes: Uint8Array) =>
  splitUtf8(bytes)
    .map((run) => (run.kind === 'text' ? run.text : showBytes(run.bytes)))
    .join('');

export function createTextStream(): TextStream {
  let held = new Uint8Array(0);
  return {
    push(bytes) {
      const all = new Uint8Array(held.length + bytes.length);
      all.set(held);
      all.set(bytes, held.length);
      const cut = unfinishedStart(all);
      held = all.slice(cut);
      return render(all.subarray(0, cut));
    },
    end() {
      const rest = render(held);
      held = new Uint8Array(0);
      return rest;
    },
  };
}
