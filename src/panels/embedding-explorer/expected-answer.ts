/**
 * Where the answer the user expects from a sum ("queen" for king − man + woman) comes on the
 * loaded model: one of the inputs (left out of the ranking), listed among the nearest tokens
 * (its place is its rank over the whole vocabulary), or beyond the list (then its cosine is
 * set against the last listed one's).
 */
import { cosine } from '../../analysis/vectors';
import type { ExplorerState } from '../../store';

export type AnswerPlace =
  | { kind: 'input'; id: number }
  | { kind: 'listed'; id: number; rank: number; cosine: number }
  | { kind: 'beyond'; id: number; cosine: number; listed: number; lastCosine: number };

export function expectedAnswer(
  explorer: Pick<ExplorerState, 'expected' | 'terms' | 'neighbours'>,
  row: (id: number) => ArrayLike<number>,
  sum: ArrayLike<number>,
): AnswerPlace | null {
  const { expected: id, terms, neighbours } = explorer;
  if (id === null || !neighbours) return null;
  if (terms.some((term) => term.id === id)) return { kind: 'input', id };
  const at = neighbours.findIndex((n) => n.id === id);
  if (at >= 0) return { kind: 'listed', id, rank: at + 1, cosine: neighbours[at].cosine };
  const last = neighbours[neighbours.length - 1];
  return {
    kind: 'beyond',
    id,
    cosine: cosine(row(id), sum),
    listed: neighbours.length,
    lastCosine: last?.cosine ?? NaN,
  };
}
