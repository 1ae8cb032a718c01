/**
 * Checks of what callers pass to the runtime, each failing with a one-line message.
 */
import type { GPT2Config } from './config';
import type { Matrix, TraceSummary } from './types';
import { indexProblem, tokenIdProblem } from '../util/checks';

export function checkTokenId(id: number, config: GPT2Config): void {
  const problem = tokenIdProblem(id, config.vocab_size);
  if (problem) throw new Error(problem);
}

/** A prompt must have 1..n_positions tokens, all in the vocabulary. */
export function checkIds(ids: readonly number[], config: GPT2Config): void {
  if (ids.length === 0) throw new Error('the prompt has no tokens');
  if (ids.length > config.n_positions) {
    throw new Error(`the prompt has ${ids.length} tokens; this model reads at most ${config.n_positions}`);
  }
  for (const id of ids) checkTokenId(id, config);
}

/** An index into 0..count-1, named in the message. */
export function checkIndex(what: string, i: number, count: number): void {
  const problem = indexProblem(what, i, count);
  if (problem) throw new Error(problem);
}

/** The data of a summary matrix, which must still be there (not transferred away) and the right size. */
export function matrixData(what: string, m: Matrix, rows: number, cols: number): Float32Array {
  if (m.rows !== rows || m.cols !== cols || m.data.length !== rows * cols) {
    throw new Error(`${what} is not a ${rows} x ${cols} matrix (was its buffer transferred away?)`);
  }
  return m.data;
}

/** A summary passed back to the runtime must come from a model of the same shape. */
export function checkSummary(summary: TraceSummary, config: GPT2Config): void {
  const c = summary.config;
  const same = c.n_layer === config.n_layer && c.n_embd === config.n_embd && c.n_head === config.n_head;
  if (!same || c.vocab_size !== config.vocab_size || summary.resid.length !== config.n_layer + 1) {
    throw new Error('this trace was made by a different model');
  }
}

/** A trace an edited run may start from: this model's unedited trace of the same ids. */
export function checkHeldTrace(summary: TraceSummary, ids: readonly number[], config: GPT2Config): void {
  checkSummary(summary, config);
  if (summary.edits !== undefined) throw new Error('the clean trace to start from is itself an edited run');
  const same = summary.tokenIds.length === ids.length && summary.tokenIds.every((t, i) => t === ids[i]);
  if (!same) throw new Error('the clean trace to start from is of another prompt');
}
