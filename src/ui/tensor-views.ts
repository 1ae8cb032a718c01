/**
 * Views into the trace's flat arrays for the block and attention panels: one head of a
 * [n_head, T, d] tensor as a matrix, one row, one column. Subarrays share memory with
 * the trace, so selecting a head or token costs no copy.
 */
import type { Matrix, Tensor3 } from '../model/types';

/** Head h of a [n_head, T, d] tensor as a [T, d] matrix. */
export function headSlice(t: Tensor3, head: number): Matrix {
  const [, rows, cols] = t.dims;
  const size = rows * cols;
  return { rows, cols, data: t.data.subarray(head * size, (head + 1) * size) };
}

/** Row r of a matrix. */
export function matrixRow(m: Matrix, r: number): Float32Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** Column c of a matrix (a copy: columns are not contiguous). */
export function matrixColumn(m: Matrix, c: number): Float32Array {
  const out = new Float32Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.data[r * m.cols + c];
  return out;
}

/**
 * GPT-2's merge_heads: z [n_head, T, d_head] laid side by side into [T, n_embd],
 * head h filling columns h * d_head .. (h + 1) * d_head - 1. This is what c_proj reads.
 */
export function concatHeads(z: Tensor3): Matrix {
  const [heads, rows, d] = z.dims;
  const cols = heads * d;
  const data = new Float32Array(rows * cols);
  for (let h = 0; h < heads; h++) {
    for (let t = 0; t < rows; t++) {
      data.set(z.data.subarray((h * rows + t) * d, (h * rows + t + 1) * d), t * cols + h * d);
    }
  }
  return { rows, cols, data };
}

/** Euclidean length of a vector. */
export function l2norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
