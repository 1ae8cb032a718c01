/**
 * Benchmark prompts: real English text encoded with the GPT-2 tokenizer, cut to each
 * length. The text is a fixed passage repeated as often as a long prompt needs, so every
 * run and both runtimes see exactly the same ids.
 */
import { encodeToIds } from '../../src/tokenizer';

const PASSAGE =
  'The river rose slowly through the night, and by morning the low road into town was under water. ' +
  'Farmers moved their animals to the ridge while the mill kept turning, its wheel loud in the grey light. ' +
  'Nobody in the village could remember a spring like it, though the oldest of them talked about the year ' +
  'the bridge washed away and the school stayed shut for a month. ';

/** The passage's ids, repeated to at least `tokens`. */
export function benchText(tokens: number): number[] {
  const unit = encodeToIds(PASSAGE);
  const ids: number[] = [];
  while (ids.length < tokens) ids.push(...unit);
  return ids;
}

/** One prompt of each length, in the same order. */
export function benchPrompts(lengths: readonly number[]): number[][] {
  const ids = benchText(Math.max(...lengths));
  return lengths.map((n) => ids.slice(0, n));
}
