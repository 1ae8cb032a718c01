/**
 * The embedding explorer's store action: fetch the W_E rows of the tokens asked about and
 * the nearest tokens to their signed sum, both from the worker (W_E lives there). The
 * comparisons between the rows (dot, cosine, PCA) are small and are derived in the panel
 * from `rows` with the pure functions of src/analysis.
 */
import { signedSum } from '../analysis/vectors';
import type { ModelClient } from '../worker/client';
import { isSuperseded } from '../worker/client';
import { messageOf } from './limits';
import type { AppState, EmbeddingTerm, ExplorerState } from './state';

/** Neighbours listed for a query. */
export const EXPLORER_NEIGHBOURS = 12;

export const EMPTY_EXPLORER: ExplorerState = {
  terms: [],
  compare: [],
  rowIds: [],
  rows: null,
  neighbours: null,
  expected: null,
  pending: false,
  error: null,
};

type Get = () => AppState;
type Set = (fn: (s: AppState) => Partial<AppState>) => void;

export function createExploreAction(client: ModelClient, get: Get, set: Set) {
  let seq = 0;
  const patch = (value: Partial<ExplorerState>) => set((s) => ({ explorer: { ...s.explorer, ...value } }));

  return async function exploreEmbeddings(
    terms: EmbeddingTerm[],
    compare: number[],
    expected: number | null = null,
  ): Promise<void> {
    if (get().model.phase !== 'ready' || terms.length === 0) return;
    const mine = ++seq;
    const modelId = get().model.modelId;
    const rowIds = [...new Set([...terms.map((t) => t.id), ...compare, ...(expected === null ? [] : [expected])])];
    // The query itself is stored with its answer: the panel derives everything from terms and
    // rows together, and new terms beside the old rows would name rows that are not there.
    patch({ pending: true, error: null });
    try {
      const rows = await client.embeddingRows(rowIds);
      const vector = signedSum(
        terms.map((t) => ({
          sign: t.sign,
          vector: rows.data.subarray(rowIds.indexOf(t.id) * rows.cols, (rowIds.indexOf(t.id) + 1) * rows.cols),
        })),
      );
      const neighbours = await client.nearest(
        vector,
        EXPLORER_NEIGHBOURS,
        terms.map((t) => t.id),
      );
      if (mine !== seq || get().model.modelId !== modelId) return;
      patch({ terms, compare, expected, rowIds, rows, neighbours, pending: false });
    } catch (e) {
      if (mine !== seq) return;
      patch({ pending: false, ...(isSuperseded(e) ? {} : { error: messageOf(e) }) });
    }
  };
}
