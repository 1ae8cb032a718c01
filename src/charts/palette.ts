/**
 * The app's colours, one meaning each (see DESIGN.md, "The visual language"):
 * - weights (W_E, W_P rows): a saturated purple-orange diverging scale;
 * - activations (the residual stream and what flows through it): a muted blue-grey / brown-grey
 *   diverging scale, so data looks different from the weights that made it;
 * - probabilities and attention: cividis, sequential, readable with any colour vision;
 * - heads: one categorical palette, head h the same colour everywhere.
 * Both diverging scales are symmetric around zero (white at 0) and colour-blind-safe
 * (they vary along blue-orange, never red-green).
 */
import * as d3 from 'd3';

export type DivergingKind = 'weight' | 'activation';

const interpolators: Record<DivergingKind, (t: number) => string> = {
  // Purple (negative) to orange (positive), after ColorBrewer's PuOr but with ends of equal
  // lightness, so a negative weight never looks stronger than a positive one of the same size.
  weight: d3.interpolateRgbBasis(['#6a3fa0', '#b2abd2', '#f7f7f7', '#fdb863', '#8a4a00']),
  activation: d3.interpolateRgbBasis(['#2f4f6f', '#8fa3b5', '#f4f4f4', '#b5a08f', '#6f4a2f']),
};

/** Largest absolute finite value (at least a tiny epsilon so an all-zero vector still has a domain). */
export function symmetricExtent(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (Number.isFinite(a) && a > m) m = a;
  }
  return m > 0 ? m : 1e-6;
}

/** A diverging scale over [-extent, extent] with white at zero. */
export function divergingScale(kind: DivergingKind, extent: number): d3.ScaleDiverging<string> {
  return d3.scaleDiverging(interpolators[kind]).domain([-extent, 0, extent]).clamp(true);
}

/** Probabilities and attention weights, 0..max (max defaults to 1). */
export function probabilityScale(max = 1): d3.ScaleSequential<string> {
  return d3.scaleSequential(d3.interpolateCividis).domain([0, max]).clamp(true);
}

/**
 * Head colours: Paul Tol's "muted" scheme (colour-blind-safe) extended with three of his
 * "bright" colours to reach GPT-2 small's 12 heads. Bigger models wrap around.
 */
export const HEAD_COLORS = [
  '#332288',
  '#88ccee',
  '#44aa99',
  '#117733',
  '#999933',
  '#ddcc77',
  '#cc6677',
  '#882255',
  '#aa4499',
  '#4477aa',
  '#ee6677',
  '#bbbbbb',
] as const;

/**
 * The same twelve hues for the dark theme, lightened (Lab lightness at least 50, like Tol's
 * "light" scheme) so that dark ones such as head 0's indigo still show as thin
 * semi-transparent lines on a dark background. Same order: head h keeps its hue across themes.
 */
export const HEAD_COLORS_DARK = [
  '#9988dd',
  '#88ccee',
  '#55bbaa',
  '#55aa66',
  '#bbbb55',
  '#ddcc77',
  '#dd7788',
  '#cc5599',
  '#cc77bb',
  '#6699cc',
  '#ff8877',
  '#bbbbbb',
] as const;

/** Head h's colour in a theme (the resolved one, see src/ui/theme.ts): the same head the same colour everywhere. */
export const headColor = (head: number, theme: 'light' | 'dark' = 'light'): string => {
  const colors = theme === 'dark' ? HEAD_COLORS_DARK : HEAD_COLORS;
  return colors[((head % colors.length) + colors.length) % colors.length];
};
