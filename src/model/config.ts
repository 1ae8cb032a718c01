/** The GPT-2 hyper-parameters the runtime needs, named as in Hugging Face's config.json. */
export interface GPT2Config {
  n_layer: number;
  n_head: number;
  n_embd: number;
  n_positions: number;
  vocab_size: number;
  layer_norm_epsilon: number;
}

const FIELDS: (keyof GPT2Config)[] = ['n_layer', 'n_head', 'n_embd', 'n_positions', 'vocab_size', 'layer_norm_epsilon'];

/**
 * Reads the fields we need from a Hugging Face GPT-2 config.json (or our own manifest's copy).
 * Throws a one-line message naming the first field that is missing or invalid.
 */
export function parseConfig(json: unknown): GPT2Config {
  if (typeof json !== 'object' || json === null) throw new Error('config is not a JSON object');
  const src = json as Record<string, unknown>;
  const out = {} as GPT2Config;
  for (const f of FIELDS) {
    const v = src[f] ?? (f === 'layer_norm_epsilon' ? 1e-5 : undefined);
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new Error(`config field "${f}" is missing or not a positive number`);
    }
    if (f !== 'layer_norm_epsilon' && !Number.isInteger(v)) {
      throw new Error(`config field "${f}" must be a whole number, got ${v}`);
    }
    out[f] = v;
  }
  if (out.n_embd % out.n_head !== 0) {
    throw new Error(`config: n_embd (${out.n_embd}) is not divisible by n_head (${out.n_head})`);
  }
  return out;
}

/** Width of one attention head. */
export const headDim = (c: GPT2Config): number => c.n_embd / c.n_head;

/** Width of the MLP's hidden layer: GPT-2 always uses 4 x n_embd. */
export const mlpDim = (c: GPT2Config): number => 4 * c.n_embd;
