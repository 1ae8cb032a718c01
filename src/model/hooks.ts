/**
 * Every hook point the runtime computes, under its TransformerLens name. This is the one
 * place a traced tensor's name and shape are written down: the runtime's edits, the
 * panels' hovers, the CLI's edit specs and the docs all take them from here, so that a
 * practitioner reads the same names as in TransformerLens and a typo fails to compile.
 *
 * Shapes are written in the runtime's own layout (heads first for the per-head tensors),
 * with symbolic sizes: `pos` is the prompt length T, `d_mlp` is 4 n_embd.
 */
import { type GPT2Config, headDim, mlpDim } from './config';

/** The hooks inside block l, as the part after `blocks.{l}.`. */
export const BLOCK_HOOKS = [
  'hook_resid_pre',
  'ln1.hook_scale',
  'ln1.hook_normalized',
  'attn.hook_q',
  'attn.hook_k',
  'attn.hook_v',
  'attn.hook_attn_scores',
  'attn.hook_pattern',
  'attn.hook_z',
  'hook_attn_out',
  'hook_resid_mid',
  'ln2.hook_scale',
  'ln2.hook_normalized',
  'mlp.hook_pre',
  'mlp.hook_post',
  'hook_mlp_out',
  'hook_resid_post',
] as const;

/** The hooks outside the blocks: before them, and after the last. */
export const INPUT_HOOKS = ['hook_embed', 'hook_pos_embed'] as const;
export const OUTPUT_HOOKS = ['ln_final.hook_scale', 'ln_final.hook_normalized', 'logits'] as const;

export type BlockHook = (typeof BLOCK_HOOKS)[number];
export type GlobalHook = (typeof INPUT_HOOKS)[number] | (typeof OUTPUT_HOOKS)[number];
/** A full hook name such as "blocks.3.attn.hook_z" or "ln_final.hook_normalized". */
export type HookName = GlobalHook | `blocks.${number}.${BlockHook}`;

/** A size in a hook's shape: a config field, or the prompt length. */
export type Dim = 'pos' | 'n_embd' | 'n_head' | 'd_head' | 'd_mlp' | 'vocab' | '1';

export interface HookInfo {
  /** The shape in the runtime's layout. */
  shape: readonly Dim[];
  /** What the tensor is, in one line. */
  meaning: string;
}

const BLOCK_INFO: Record<BlockHook, HookInfo> = {
  hook_resid_pre: { shape: ['pos', 'n_embd'], meaning: 'the residual stream entering the block' },
  'ln1.hook_scale': { shape: ['pos', '1'], meaning: "LayerNorm 1's divisor: sqrt(variance + eps) of each row" },
  'ln1.hook_normalized': {
    shape: ['pos', 'n_embd'],
    meaning: 'LayerNorm 1 output, after γ and β: what attention reads',
  },
  'attn.hook_q': { shape: ['n_head', 'pos', 'd_head'], meaning: 'queries of every head' },
  'attn.hook_k': { shape: ['n_head', 'pos', 'd_head'], meaning: 'keys of every head' },
  'attn.hook_v': { shape: ['n_head', 'pos', 'd_head'], meaning: 'values of every head' },
  'attn.hook_attn_scores': {
    shape: ['n_head', 'pos', 'pos'],
    meaning: 'q·k / sqrt(d_head), with keys after the query masked to −∞',
  },
  'attn.hook_pattern': { shape: ['n_head', 'pos', 'pos'], meaning: 'softmax of the scores over keys: the attention' },
  'attn.hook_z': { shape: ['n_head', 'pos', 'd_head'], meaning: "each head's pattern-weighted sum of values" },
  hook_attn_out: { shape: ['pos', 'n_embd'], meaning: 'the heads merged and projected by W_O, plus b_O' },
  hook_resid_mid: { shape: ['pos', 'n_embd'], meaning: 'resid_pre + attn_out' },
  'ln2.hook_scale': { shape: ['pos', '1'], meaning: "LayerNorm 2's divisor: sqrt(variance + eps) of each row" },
  'ln2.hook_normalized': { shape: ['pos', 'n_embd'], meaning: 'LayerNorm 2 output, after γ and β: what the MLP reads' },
  'mlp.hook_pre': { shape: ['pos', 'd_mlp'], meaning: "the MLP's hidden layer before gelu_new" },
  'mlp.hook_post': { shape: ['pos', 'd_mlp'], meaning: "the MLP's hidden layer after gelu_new: its neurons" },
  hook_mlp_out: { shape: ['pos', 'n_embd'], meaning: "the MLP's output, added to the residual stream" },
  hook_resid_post: { shape: ['pos', 'n_embd'], meaning: 'resid_mid + mlp_out: the stream leaving the block' },
};

const GLOBAL_INFO: Record<GlobalHook, HookInfo> = {
  hook_embed: { shape: ['pos', 'n_embd'], meaning: 'the rows of W_E for the tokens' },
  hook_pos_embed: { shape: ['pos', 'n_embd'], meaning: 'the rows of W_P for positions 0 … T−1' },
  'ln_final.hook_scale': { shape: ['pos', '1'], meaning: "the final LayerNorm's divisor" },
  'ln_final.hook_normalized': {
    shape: ['pos', 'n_embd'],
    meaning: 'the final LayerNorm output, after γ and β: what W_U reads',
  },
  logits: { shape: ['pos', 'vocab'], meaning: 'ln_final output times W_U (tied to W_E, no bias)' },
};

/** The full name of a hook in block l. */
export const blockHook = (layer: number, hook: BlockHook): HookName => `blocks.${layer}.${hook}`;

/** Every hook point of a model with this config, in the order the forward pass computes them. */
export function allHooks(config: Pick<GPT2Config, 'n_layer'>): HookName[] {
  const blocks = Array.from({ length: config.n_layer }, (_, l) => BLOCK_HOOKS.map((h) => blockHook(l, h)));
  return [...INPUT_HOOKS, ...blocks.flat(), ...OUTPUT_HOOKS];
}

/** A hook name taken apart: its layer (null outside the blocks) and its name within the block. */
export type ParsedHook = { layer: number; hook: BlockHook } | { layer: null; hook: GlobalHook };

const BLOCK_PATTERN = /^blocks\.(\d+)\.(.+)$/;

/**
 * Reads a hook name, checking the layer against the config. Throws one line naming the
 * problem and the valid range, as the CLI and the page show it.
 */
export function parseHook(name: string, config: Pick<GPT2Config, 'n_layer'>): ParsedHook {
  if ((INPUT_HOOKS as readonly string[]).includes(name) || (OUTPUT_HOOKS as readonly string[]).includes(name)) {
    return { layer: null, hook: name as GlobalHook };
  }
  const m = BLOCK_PATTERN.exec(name);
  if (m && (BLOCK_HOOKS as readonly string[]).includes(m[2])) {
    const layer = Number(m[1]);
    if (layer >= config.n_layer) {
      throw new Error(`hook "${name}": layer ${layer} is out of range 0..${config.n_layer - 1}`);
    }
    return { layer, hook: m[2] as BlockHook };
  }
  throw new Error(
    `unknown hook "${name}": expected blocks.L.<${BLOCK_HOOKS.join('|')}> or one of ${[...INPUT_HOOKS, ...OUTPUT_HOOKS].join(', ')}`,
  );
}

/** What a hook is and its shape, whether given as a full name or parsed. */
export function hookInfo(hook: BlockHook | GlobalHook): HookInfo {
  return (BLOCK_INFO as Record<string, HookInfo>)[hook] ?? (GLOBAL_INFO as Record<string, HookInfo>)[hook];
}

/** A hook's shape as numbers for this config and prompt length. */
export function hookShape(hook: BlockHook | GlobalHook, config: GPT2Config, positions: number): number[] {
  const size: Record<Dim, number> = {
    pos: positions,
    n_embd: config.n_embd,
    n_head: config.n_head,
    d_head: headDim(config),
    d_mlp: mlpDim(config),
    vocab: config.vocab_size,
    '1': 1,
  };
  return hookInfo(hook).shape.map((d) => size[d]);
}
