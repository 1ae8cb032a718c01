/**
 * What a hovered number is: its value, the tensor it belongs to (with its hook name and
 * shape) and where in that tensor it sits. Every chart in the block and attention views
 * reports hovers in this one form, so the readout looks the same everywhere.
 */
export interface HoverInfo {
  value: number;
  /** Short name shown to people, e.g. "attention scores". */
  name: string;
  /** TransformerLens hook name, e.g. "blocks.2.attn.hook_attn_scores". */
  hook: string;
  shape: number[];
  /** Where the value sits, e.g. "head 3, query 5 ␣fox, key 2 ␣brown". */
  where: string;
}

/** A value as shown: four significant digits, −∞ for the causal mask's -Infinity. */
export function formatValue(v: number): string {
  if (v === -Infinity) return '−∞';
  if (v === Infinity) return '∞';
  if (Number.isNaN(v)) return 'NaN';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** A shape as written in the explanations: [12, 7, 64]. */
export const formatShape = (shape: number[]): string => `[${shape.join(', ')}]`;
