/**
 * Checking what a person typed into an experiment before anything is sent to the model:
 * answers that must be one GPT-2 token, prompts that must be 1..n_positions tokens, clean
 * and corrupted prompts whose positions must line up. A problem is a string key with its
 * values, so the panel says it in the page's language; nothing on screen is replaced.
 */
import { encodeToIds } from '../tokenizer';

export interface Problem {
  key: string;
  vars?: Record<string, string | number>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(key: string, vars?: Problem['vars']): Checked<T> => ({ ok: false, problem: { key, vars } });

/** The id of a text that must be exactly one token (" Mary", with its leading space). */
export function oneToken(text: string, role: string): Checked<number> {
  if (text === '') return fail('exp.problem.noToken', { role });
  const ids = encodeToIds(text);
  if (ids.length !== 1) return fail('exp.problem.notOneToken', { role, text, n: ids.length });
  return ok(ids[0]);
}

/** The ids of a prompt that must fit the model's context. */
export function promptIds(text: string, maxTokens: number, role: string): Checked<number[]> {
  const ids = encodeToIds(text);
  if (ids.length === 0) return fail('exp.problem.empty', { role });
  if (ids.length > maxTokens) return fail('exp.problem.tooLong', { role, n: ids.length, max: maxTokens });
  return ok(ids);
}

/**
 * Clean and corrupted prompts for a layer x position sweep: the same number of tokens, so position p is the same slot
 * in both.
 */
export function alignedPrompts(clean: number[], corrupted: number[]): Checked<null> {
  if (clean.length !== corrupted.length)
    return fail('exp.problem.misaligned', { clean: clean.length, corrupted: corrupted.length });
  return ok(null);
}

/** A runtime or worker message (already one line), shown as it is. */
export const runtimeProblem = (message: string): Problem => ({ key: 'exp.problem.runtime', vars: { message } });
