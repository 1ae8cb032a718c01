/**
 * Vector math for the embedding explorer: dot products, cosine similarity, the nearest
 * rows of a matrix to a vector, and sums of signed vectors ("king - man + woman").
 * Plain loops over Float32Arrays, no TF.js: the worker runs them over W_E
 * (50,257 rows), and tests run them anywhere.
 */
import type { Matrix } from '../model/types';

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectors differ in length (${a.length} vs ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const norm = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * cos(angle) between a and b; 0 when either is the zero vector (no direction to compare).
 * Each vector is divided by its largest magnitude first, so that squaring very small or very
 * large components can neither underflow to 0 nor overflow to Infinity.
 */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectors differ in length (${a.length} vs ${b.length})`);
  const sa = maxAbs(a);
  const sb = maxAbs(b);
  if (sa === 0 || sb === 0) return 0;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] / sa;
    const y = b[i] / sb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)));
}

/** Row i of a row-major matrix, as a view (no copy). */
export function rowOf(m: Matrix, i: number): Float32Array {
  if (!Number.isInteger(i) || i < 0 || i >= m.rows) throw new Error(`row ${i} is out of range 0..${m.rows - 1}`);
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** The Euclidean length of every row, computed once so nearest() is a single pass of dot products. */
export function rowNorms(m: Matrix): Float32Array {
  const out = new Float32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) s += m.data[base + c] * m.data[base + c];
    out[r] = Math.sqrt(s);
  }
  return out;
}

export interface Neighbour {
  id: number;
  cosine: number;
}

/**
 * The k rows most similar to `vector` by cosine, best first (ties: lower id first),
 * skipping the ids in `exclude`. `norms` is rowNorms(m).
 */
export function nearest(
  m: Matrix,
  norms: Float32Array,
  vector: ArrayLike<number>,
  k: number,
  exclude: ReadonlySet<number> = new Set(),
): Neighbour[] {
  if (vector.length !== m.cols) throw new Error(`the vector has ${vector.length} numbers; rows have ${m.cols}`);
  const vNorm = norm(vector);
  const best: Neighbour[] = [];
  if (vNorm === 0 || k <= 0) return best;
  for (let r = 0; r < m.rows; r++) {
    if (exclude.has(r) || norms[r] === 0) continue;
    let s = 0;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) s += m.data[base + c] * vector[c];
    const cos = s / (norms[r] * vNorm);
    if (best.length === k && cos <= best[k - 1].cosine) continue;
    let i = best.length;
    while (i > 0 && best[i - 1].cosine < cos) i--;
    best.splice(i, 0, { id: r, cosine: cos });
    if (best.length > k) best.pop();
  }
  return best;
}

/** One term of a vector sum: +1 or -1 times a vector. */
export interface SignedVector {
  sign: 1 | -1;
  vector: ArrayLike<number>;
}

/** The sum of signed vectors, e.g. [+king, -man, +woman]. */
export function signedSum(terms: readonly SignedVector[]): Float32Array {
  if (terms.length === 0) throw new Error('nothing to add');
  const n = terms[0].vector.length;
  const out = new Float32Array(n);
  for (const { sign, vector } of terms) {
    if (vector.length !== n) throw new Error(`vectors differ in length (${n} vs ${vector.length})`);
    for (let i = 0; i < n; i++) out[i] += sign * vector[i];
  }
  return out;
}
