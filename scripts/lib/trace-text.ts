/** The human-readable part of `npm run trace`: the prompt's tokens and the next-token candidates. */
import type { TraceSummary } from '../../src/model/types';
import { softmax, topTokens } from '../../src/sampling';
import { tokenInfo } from '../../src/tokenizer';

const percent = (p: number) => `${(p * 100).toFixed(2).padStart(6)}%`;
const width = (s: string) => [...s].length;

/** One line per position: position, id, piece, and ln p of the token that actually follows. */
export function formatTokens(summary: TraceSummary): string[] {
  const ids = summary.tokenIds;
  const pieces = ids.map((id) => tokenInfo(id).display);
  const column = Math.max(...pieces.map(width));
  const lines = [
    `${ids.length} token${ids.length === 1 ? '' : 's'} (position, id, piece, ln p of the token that follows):`,
  ];
  summary.predictions.forEach((p, t) => {
    const next = p.nextLogprob === null ? '' : p.nextLogprob.toFixed(3).padStart(9);
    const piece = pieces[t] + ' '.repeat(column - width(pieces[t]));
    lines.push(`  ${String(t).padStart(4)}  ${String(ids[t]).padStart(5)}  ${piece}${next}`.trimEnd());
  });
  return lines;
}

/** The `top` most likely next tokens at temperature 1, with probability and logit. */
export function formatTopNext(summary: TraceSummary, top: number): string[] {
  const logits = summary.lastLogits;
  const lines = [`next token (top ${top} of ${logits.length}, temperature 1):`];
  for (const { id, prob } of topTokens(softmax(logits), top)) {
    lines.push(
      `  ${percent(prob)}  ${String(id).padStart(5)}  ${tokenInfo(id).display}  (logit ${logits[id].toFixed(3)})`,
    );
  }
  return lines;
}
