/**
 * What an experiment on the page can switch off or patch, in two spellings: the short name
 * people read ("L1H2", "L1.mlp", "L1N17", as in the attribution's component names) and the
 * runtime's edit SPEC (`HOOK[:head=H][:neuron=N][:pos=P,...]`, the CLI's --ablate and
 * --patch syntax, hook names from src/model/hooks.ts). The store, the share link and the
 * worker request all carry the SPEC, so an edit made on the page is the CLI's edit exactly.
 */
import type { GPT2Config } from '../model/config';
import { mlpDim } from '../model/config';
import { blockHook } from '../model/hooks';

export type AblationTarget =
  | { part: 'head'; layer: number; head: number }
  | { part: 'mlp'; layer: number }
  | { part: 'neuron'; layer: number; neuron: number };

/** Zero ablation sets the part's output to 0; mean ablation to its mean over the prompt's positions. */
export type AblationKind = 'zero' | 'mean';
export const ABLATION_KINDS: readonly AblationKind[] = ['zero', 'mean'];

/** The short name of a target, e.g. "L1H2" (also the attribution's name for a head). */
export function targetName(t: AblationTarget): string {
  if (t.part === 'head') return `L${t.layer}H${t.head}`;
  if (t.part === 'mlp') return `L${t.layer}.mlp`;
  return `L${t.layer}N${t.neuron}`;
}

const NAME_PATTERN = /^L(\d+)(?:H(\d+)|N(\d+)|\.mlp)$/;

/** Reads a short name back; null when it is not one. */
export function parseTargetName(name: string): AblationTarget | null {
  const m = NAME_PATTERN.exec(name.trim());
  if (!m) return null;
  const layer = Number(m[1]);
  if (m[2] !== undefined) return { part: 'head', layer, head: Number(m[2]) };
  if (m[3] !== undefined) return { part: 'neuron', layer, neuron: Number(m[3]) };
  return { part: 'mlp', layer };
}

/** The edit SPEC of a target's ablation at every position. */
export function targetSpec(t: AblationTarget): string {
  if (t.part === 'head') return `${blockHook(t.layer, 'attn.hook_z')}:head=${t.head}`;
  if (t.part === 'mlp') return blockHook(t.layer, 'hook_mlp_out');
  return `${blockHook(t.layer, 'mlp.hook_post')}:neuron=${t.neuron}`;
}

/** One line naming what is out of range for this model, or null when the target exists. */
export function targetProblem(t: AblationTarget, config: Pick<GPT2Config, 'n_layer' | 'n_head' | 'n_embd'>) {
  const whole = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  if (!whole(t.layer, config.n_layer)) return `layer ${t.layer} is out of range 0..${config.n_layer - 1}`;
  if (t.part === 'head' && !whole(t.head, config.n_head))
    return `head ${t.head} is out of range 0..${config.n_head - 1}`;
  const width = mlpDim(config as GPT2Config);
  if (t.part === 'neuron' && !whole(t.neuron, width)) return `neuron ${t.neuron} is out of range 0..${width - 1}`;
  return null;
}

export const sameTarget = (a: AblationTarget, b: AblationTarget): boolean => targetName(a) === targetName(b);

/** The list with the target added, or removed if it was there (order kept, no repeats). */
export function toggleTarget(list: readonly AblationTarget[], t: AblationTarget): AblationTarget[] {
  return list.some((x) => sameTarget(x, t)) ? list.filter((x) => !sameTarget(x, t)) : [...list, t];
}

/** The hooks a patching sweep covers: layer x position for the first three, layer x head for z. */
export const PATCH_HOOKS = ['hook_resid_pre', 'hook_attn_out', 'hook_mlp_out', 'attn.hook_z'] as const;
export type PatchHook = (typeof PATCH_HOOKS)[number];

/** Whether a sweep of this hook is a layer x head grid (else layer x position). */
export const perHead = (hook: PatchHook): boolean => hook === 'attn.hook_z';

/** One cell of a sweep, as the single patch that cell stands for. */
export interface PatchCell {
  hook: PatchHook;
  layer: number;
  /** The position (layer x position sweeps) or the head (hook_z). */
  index: number;
}

/** The edit SPEC of one cell's patch: a position of a residual-sized hook, or one head at every position. */
export function patchSpec(cell: PatchCell): string {
  const hook = blockHook(cell.layer, cell.hook);
  return perHead(cell.hook) ? `${hook}:head=${cell.index}` : `${hook}:pos=${cell.index}`;
}
