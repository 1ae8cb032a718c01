/**
 * A 2-D principal-component projection of a few vectors (the embedding explorer's chosen
 * tokens). With n vectors of dimension d and n much smaller than d, the eigenvectors of
 * the small n x n Gram matrix of the centred vectors give the projections directly:
 * if G u = λ u then the points' coordinates on that component are sqrt(λ) u. The
 * eigenvectors come from power iteration with deflation, in float64.
 */

export interface Projection {
  /** One [x, y] per input vector. */
  points: [number, number][];
  /** Share of the total variance along each of the two axes (0..1). */
  explained: [number, number];
}

const ITERATIONS = 500;

/** The leading eigenpair of a symmetric positive semi-definite matrix (n x n, row-major). */
function leadingEigen(g: Float64Array, n: number): { value: number; vector: Float64Array } {
  // A start vector that is not orthogonal to the leading eigenvector in practice; deterministic.
  let v = Float64Array.from({ length: n }, (_, i) => 1 + i / n);
  let value = 0;
  for (let it = 0; it < ITERATIONS; it++) {
    const w = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += g[r * n + c] * v[c];
      w[r] = s;
    }
    const len = Math.hypot(...w);
    if (len === 0) return { value: 0, vector: v.map(() => 0) };
    const next = w.map((x) => x / len);
    const moved = Math.hypot(...next.map((x, i) => x - v[i]));
    v = next;
    value = len;
    if (moved < 1e-12) break;
  }
  return { value, vector: v };
}

/** Flips a vector so its largest-magnitude entry is positive: PCA signs are arbitrary, this makes them stable. */
function orient(v: Float64Array): Float64Array {
  let big = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i;
  return v[big] < 0 ? v.map((x) => -x) : v;
}

export function pca2(vectors: readonly ArrayLike<number>[]): Projection {
  const n = vectors.length;
  if (n === 0) return { points: [], explained: [0, 0] };
  const d = vectors[0].length;
  const mean = new Float64Array(d);
  for (const v of vectors) {
    if (v.length !== d) throw new Error(`vectors differ in length (${d} vs ${v.length})`);
    for (let i = 0; i < d; i++) mean[i] += v[i] / n;
  }
  const centred = vectors.map((v) => Float64Array.from({ length: d }, (_, i) => v[i] - mean[i]));
  const g = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += centred[a][i] * centred[b][i];
      g[a * n + b] = s;
      g[b * n + a] = s;
    }
  }
  let trace = 0;
  for (let i = 0; i < n; i++) trace += g[i * n + i];

  const first = leadingEigen(g, n);
  // Deflate: remove the first component, then find the next one.
  const rest = g.map((x, idx) => x - first.value * first.vector[Math.floor(idx / n)] * first.vector[idx % n]);
  const second = leadingEigen(rest, n);
  const u1 = orient(first.vector);
  const u2 = orient(second.vector);
  const s1 = Math.sqrt(Math.max(0, first.value));
  const s2 = Math.sqrt(Math.max(0, second.value));
  return {
    points: Array.from({ length: n }, (_, i) => [u1[i] * s1, u2[i] * s2] as [number, number]),
    explained: trace > 0 ? [first.value / trace, Math.max(0, second.value) / trace] : [0, 0],
  };
}
