/**
 * W_E in the worker, for the embedding explorer: rows by id and nearest tokens by cosine.
 * Row norms are computed on the first search (one pass over vocab x n_embd) and kept.
 * Replies get copies of rows, never views: replies transfer their buffers, and
 * transferring a view would hand W_E itself to the page.
 */
import { nearest, rowNorms, rowOf, type Neighbour } from '../analysis/vectors';
import type { Matrix } from '../model/types';

export interface EmbeddingSpace {
  rows(ids: number[]): Matrix;
  nearest(vector: Float32Array, k: number, exclude: number[]): Neighbour[];
}

/** Most neighbours one request may ask for. */
const MAX_K = 100;

export function createEmbeddingSpace(wte: Matrix): EmbeddingSpace {
  let norms: Float32Array | null = null;
  const checkId = (id: number) => {
    if (!Number.isInteger(id) || id < 0 || id >= wte.rows)
      throw new Error(`token id ${id} is not in the vocabulary (0..${wte.rows - 1})`);
  };
  return {
    rows(ids) {
      if (ids.length === 0) throw new Error('no token ids given');
      const data = new Float32Array(ids.length * wte.cols);
      ids.forEach((id, i) => {
        checkId(id);
        data.set(rowOf(wte, id), i * wte.cols);
      });
      return { rows: ids.length, cols: wte.cols, data };
    },
    nearest(vector, k, exclude) {
      if (!Number.isInteger(k) || k < 1 || k > MAX_K)
        throw new Error(`k must be a whole number from 1 to ${MAX_K}, got ${k}`);
      norms ??= rowNorms(wte);
      return nearest(wte, norms, vector, k, new Set(exclude));
    },
  };
}
