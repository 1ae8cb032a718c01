/** The human-readable part of `npm run trace`: the prompt's tokens and the next-token candidates. */
import type { Attribution } from '../../src/model/interventions/attribution';
import { editSpec } from '../../src/model/interventions/edits';
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

/** The edits of an edited run, one per line, in spec form. */
export function formatEdits(summary: TraceSummary): string[] {
  const applied = summary.edits;
  if (applied === undefined) return [];
  const lines = [`edited run (${applied.edits.length} edit${applied.edits.length === 1 ? '' : 's'}):`];
  for (const e of applied.edits) {
    const how =
      e.kind === 'scale' ? `scale x${e.factor}` : e.kind === 'patch' ? 'patch from the --patch-from run' : e.kind;
    lines.push(`  ${editSpec(e)}  ${how}`);
  }
  return lines;
}

/** Shown components of an attribution: the largest in size. */
const SHOWN_COMPONENTS = 10;

export function formatAttribution(a: Attribution): string[] {
  const what =
    a.against === null
      ? `logit of ${tokenInfo(a.target).display}`
      : `logit difference ${tokenInfo(a.target).display} - ${tokenInfo(a.against).display}`;
  const lines = [`direct logit attribution at position ${a.position}: ${what} = ${a.logit.toFixed(4)}`];
  const sorted = Object.entries(a.components).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
  for (const [name, value] of sorted.slice(0, SHOWN_COMPONENTS)) {
    lines.push(`  ${name.padEnd(12)}${value.toFixed(4).padStart(10)}`);
  }
  if (sorted.length > SHOWN_COMPONENTS)
    lines.push(`  (${sorted.length - SHOWN_COMPONENTS} smaller components in --json)`);
  lines.push(`  residual error ${a.residualError.toExponential(2)}`);
  return lines;
}
