/**
 * Word analogies ("a is to b as c is to ?") measured in an embedding matrix the way the
 * embedding explorer computes them: the signed sum a − b + c of three rows, every other row
 * ranked by cosine to it with the three inputs left out (vectors.nearest), and the place the
 * expected answer takes in that ranking. Used by scripts/analogies.ts and its test, so the
 * figures quoted about a model are the ones this code computes.
 */
import type { Matrix } from '../model/types';
import { nearest, norm, rowOf, signedSum, type Neighbour } from './vectors';

/** "a − b + c ≈ expected", as token ids. The classic one: king − man + woman ≈ queen. */
export interface AnalogyIds {
  a: number;
  b: number;
  c: number;
  expected: number;
}

export interface Rank {
  /** 1 = nearest. */
  rank: number;
  cosine: number;
  /** How many rows took part (all rows but the excluded and the all-zero ones). */
  of: number;
}

/**
 * Where row `id` comes among the rows of m ordered by cosine to `vector`, in exactly the
 * order nearest() lists them (higher cosine first, ties by lower id), `exclude` left out.
 * `norms` is rowNorms(m).
 */
export function rankOf(
  m: Matrix,
  norms: Float32Array,
  vector: ArrayLike<number>,
  id: number,
  exclude: ReadonlySet<number> = new Set(),
): Rank {
  if (exclude.has(id)) throw new Error(`token ${id} is excluded, so it has no rank`);
  const vNorm = norm(vector);
  const cosineOf = (r: number) => {
    let s = 0;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) s += m.data[base + c] * vector[c];
    return s / (norms[r] * vNorm);
  };
  const target = cosineOf(id);
  let ahead = 0;
  let of = 0;
  for (let r = 0; r < m.rows; r++) {
    if (exclude.has(r) || norms[r] === 0) continue;
    of++;
    if (r === id) continue;
    const cos = cosineOf(r);
    if (cos > target || (cos === target && r < id)) ahead++;
  }
  return { rank: ahead + 1, cosine: target, of };
}

export interface AnalogyResult extends Rank {
  /** The nearest rows with the inputs left out, best first. */
  top: Neighbour[];
  /** The nearest row when the inputs are not left out (often one of them). */
  nearestWithInputs: Neighbour;
}

/** Measures one analogy: the expected answer's rank and cosine, and what comes first instead. */
export function measureAnalogy(m: Matrix, norms: Float32Array, ids: AnalogyIds, topK = 3): AnalogyResult {
  const sum = signedSum([
    { sign: 1, vector: rowOf(m, ids.a) },
    { sign: -1, vector: rowOf(m, ids.b) },
    { sign: 1, vector: rowOf(m, ids.c) },
  ]);
  const inputs = new Set([ids.a, ids.b, ids.c]);
  return {
    ...rankOf(m, norms, sum, ids.expected, inputs),
    top: nearest(m, norms, sum, topK, inputs),
    nearestWithInputs: nearest(m, norms, sum, 1)[0],
  };
}

/**
 * The average cosine between two different rows of m (all-zero rows left out), exactly:
 * with unit rows u_i, the sum over ordered pairs i != j of u_i . u_j is |sum_i u_i|^2 - n.
 * Near 0 when rows point every which way; near 1 when they share one direction, in which
 * case every cosine is high and only ranks say which rows are nearer.
 */
export function meanCosine(m: Matrix, norms: Float32Array): number {
  const total = new Float64Array(m.cols);
  let n = 0;
  for (let r = 0; r < m.rows; r++) {
    if (norms[r] === 0) continue;
    n++;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) total[c] += m.data[base + c] / norms[r];
  }
  if (n < 2) throw new Error('need at least two non-zero rows');
  let squared = 0;
  for (let c = 0; c < m.cols; c++) squared += total[c] * total[c];
  return (squared - n) / (n * (n - 1));
}
