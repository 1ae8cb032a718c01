/**
 * Edits of a forward pass, as plain data: which hook point, which kind of change, and
 * where (positions, heads, neurons). Pure and free of TF.js, so the page and the CLI
 * check an edit list with the same one-line messages before anything runs.
 */
import { type GPT2Config, mlpDim } from '../config';
import { type BlockHook, type HookName, parseHook } from '../hooks';

export type EditKind = 'zero' | 'mean' | 'scale' | 'patch';
export const EDIT_KINDS: readonly EditKind[] = ['zero', 'mean', 'scale', 'patch'];

/**
 * One change at one hook point. Without `positions` it applies at every position; `heads`
 * limits a per-head hook (attn.hook_z, attn.hook_pattern) and `neurons` limits mlp.hook_post.
 * - zero: the values become 0;
 * - mean: each value becomes its mean over the prompt's positions (in this run);
 * - scale: multiplied by `factor`;
 * - patch: the same hook's values in the run of a second prompt (`patchFrom`), position
 *   for position, aligned from the start.
 */
export interface Edit {
  hook: HookName;
  kind: EditKind;
  heads?: number[];
  neurons?: number[];
  positions?: number[];
  factor?: number;
}

/** What an edited run was made with: kept on its summary, so views recompute it the same way. */
export interface AppliedEdits {
  edits: Edit[];
  /** Token ids of the prompt patch edits take their values from (absent without patch edits). */
  patchFrom?: number[];
}

/** The hooks an edit may name, inside block L, and which selector each one accepts. */
export const EDITABLE_HOOKS = [
  'hook_resid_pre',
  'attn.hook_pattern',
  'attn.hook_z',
  'hook_attn_out',
  'hook_resid_mid',
  'mlp.hook_post',
  'hook_mlp_out',
  'hook_resid_post',
] as const satisfies readonly BlockHook[];

export type EditableHook = (typeof EDITABLE_HOOKS)[number];

const PER_HEAD: readonly BlockHook[] = ['attn.hook_z', 'attn.hook_pattern'];

/** An edit with its hook taken apart, as the runtime applies it. */
export interface ParsedEdit extends Edit {
  layer: number;
  site: EditableHook;
}

const listOf = (xs: number[]) => xs.join(',');

function checkAll(what: string, values: number[] | undefined, count: number, hook: string, extra = ''): void {
  if (values === undefined) return;
  if (values.length === 0) throw new Error(`${hook}: the ${what} list is empty`);
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v >= count) {
      throw new Error(`${hook}: ${what} ${v} is out of range 0..${count - 1}${extra}`);
    }
  }
}

/**
 * Checks one edit against the model and the prompt (T tokens; sourceLength is the patch
 * source's token count, when there is one). Throws one line naming the problem and the
 * valid range.
 */
export function checkEdit(edit: Edit, config: GPT2Config, T: number, sourceLength?: number): ParsedEdit {
  if (!(EDIT_KINDS as readonly string[]).includes(edit.kind)) {
    throw new Error(`unknown edit kind "${edit.kind}": expected one of ${EDIT_KINDS.join(', ')}`);
  }
  const parsed = parseHook(edit.hook, config);
  if (parsed.layer === null || !(EDITABLE_HOOKS as readonly string[]).includes(parsed.hook)) {
    throw new Error(`hook "${edit.hook}" cannot be edited: editable hooks are blocks.L.<${EDITABLE_HOOKS.join('|')}>`);
  }
  const site = parsed.hook as EditableHook;
  const hook = edit.hook;
  if (edit.heads !== undefined && !PER_HEAD.includes(site)) {
    throw new Error(`${hook}: head= applies only to attn.hook_z and attn.hook_pattern`);
  }
  if (edit.neurons !== undefined && site !== 'mlp.hook_post') {
    throw new Error(`${hook}: neuron= applies only to mlp.hook_post`);
  }
  checkAll('head', edit.heads, config.n_head, hook);
  checkAll('neuron', edit.neurons, mlpDim(config), hook);
  checkAll('position', edit.positions, T, hook, ` (the prompt has ${T} tokens)`);
  if (edit.kind === 'scale' && (typeof edit.factor !== 'number' || !Number.isFinite(edit.factor))) {
    throw new Error(`${hook}: a scale edit needs a finite factor`);
  }
  if (edit.kind === 'patch') checkPatch(edit, T, sourceLength);
  return { ...edit, layer: parsed.layer, site };
}

function checkPatch(edit: Edit, T: number, sourceLength: number | undefined): void {
  if (sourceLength === undefined) throw new Error(`${edit.hook}: a patch edit needs a source prompt to patch from`);
  if (sourceLength === 0) throw new Error('the patch source prompt is empty');
  if (edit.positions === undefined) {
    if (sourceLength !== T) {
      throw new Error(
        `${edit.hook}: the prompt has ${T} tokens and the patch source ${sourceLength}; ` +
          'give positions (pos=) to patch prompts of different lengths',
      );
    }
    return;
  }
  const beyond = edit.positions.find((p) => p >= sourceLength);
  if (beyond !== undefined) {
    throw new Error(
      `${edit.hook}: position ${beyond} is beyond the patch source's ${sourceLength} tokens (0..${sourceLength - 1})`,
    );
  }
}

/** Checks a whole edit list (see checkEdit); `patchFrom` is the source prompt's ids. */
export function checkEdits(
  edits: readonly Edit[],
  config: GPT2Config,
  T: number,
  patchFrom?: readonly number[],
): ParsedEdit[] {
  const parsed = edits.map((e) => checkEdit(e, config, T, patchFrom?.length));
  if (patchFrom !== undefined && patchFrom.length === 0) throw new Error('the patch source prompt is empty');
  return parsed;
}

const SPEC_FORM = 'HOOK[:head=H][:neuron=N][:pos=P[,Q...]]';
const SELECTORS = { head: 'heads', neuron: 'neurons', pos: 'positions' } as const;

function wholeNumbers(spec: string, key: string, text: string): number[] {
  const parts = text.split(',');
  if (parts.some((p) => !/^\d+$/.test(p.trim()))) {
    throw new Error(`edit spec "${spec}": ${key}= needs whole numbers separated by commas, got "${text}"`);
  }
  return parts.map((p) => Number(p.trim()));
}

/**
 * Reads an edit spec such as "blocks.3.attn.hook_z:head=5" or "blocks.0.hook_resid_pre:pos=4,5"
 * into an edit of the given kind. Only the form is checked here; checkEdit checks the ranges.
 */
export function parseEditSpec(spec: string, kind: EditKind, factor?: number): Edit {
  const [hook, ...selectors] = spec.trim().split(':');
  if (hook === '') throw new Error(`edit spec "${spec}" has no hook: expected ${SPEC_FORM}`);
  const edit: Edit = { hook: hook as HookName, kind };
  for (const selector of selectors) {
    const eq = selector.indexOf('=');
    const key = selector.slice(0, eq).trim();
    if (eq === -1 || !Object.hasOwn(SELECTORS, key)) {
      throw new Error(`edit spec "${spec}": unknown selector "${selector}", expected ${SPEC_FORM}`);
    }
    const field = SELECTORS[key as keyof typeof SELECTORS];
    if (edit[field] !== undefined) throw new Error(`edit spec "${spec}": ${key}= given twice`);
    edit[field] = wholeNumbers(spec, key, selector.slice(eq + 1));
  }
  if (kind === 'scale') edit.factor = factor;
  return edit;
}

/** The spec form of an edit, as the CLI takes it: the inverse of parseEditSpec. */
export function editSpec(edit: Edit): string {
  const parts: string[] = [edit.hook];
  if (edit.heads) parts.push(`head=${listOf(edit.heads)}`);
  if (edit.neurons) parts.push(`neuron=${listOf(edit.neurons)}`);
  if (edit.positions) parts.push(`pos=${listOf(edit.positions)}`);
  return parts.join(':');
}
