/**
 * The checks that the runtime, the worker and the hook parser make of indices, as one-line
 * problems (null when fine), so each layer throws its own error type with the same words.
 */

/** An index into 0..count-1, named in the message: "layer 7 is out of range 0..1". */
export function indexProblem(what: string, i: number, count: number): string | null {
  return Number.isInteger(i) && i >= 0 && i < count ? null : `${what} ${i} is out of range 0..${count - 1}`;
}

/** A token id of a vocabulary of this size. */
export function tokenIdProblem(id: number, vocabSize: number): string | null {
  return Number.isInteger(id) && id >= 0 && id < vocabSize
    ? null
    : `token id ${id} is not in the vocabulary (0..${vocabSize - 1})`;
}
