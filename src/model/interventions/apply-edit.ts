/**
 * Applying edits to one hook's tensor on the backend. Each edit picks the entries it
 * changes with a boolean mask (positions x heads or neurons) and takes them from a
 * replacement of the same shape with tf.where, so the entries it leaves are untouched bit
 * for bit and the ones it changes are exactly the replacement.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EditableHook, ParsedEdit } from './edits';

/** Where the position axis is, and which axis `heads` or `neurons` select along. */
function axes(site: EditableHook): { pos: number; unit: number | null } {
  if (site === 'attn.hook_z' || site === 'attn.hook_pattern') return { pos: 1, unit: 0 };
  if (site === 'mlp.hook_post') return { pos: 0, unit: 1 };
  return { pos: 0, unit: null };
}

/** A 0/1 vector of length n with ones at `picked` (all ones when undefined), shaped to broadcast along `axis`. */
function pick(n: number, picked: number[] | undefined, axis: number, rank: number): tf.Tensor {
  const v = new Float32Array(n).fill(picked === undefined ? 1 : 0);
  if (picked !== undefined) for (const i of picked) v[i] = 1;
  const shape = Array.from({ length: rank }, (_, a) => (a === axis ? n : 1));
  return tf.tensor(v, shape);
}

/** The entries an edit changes, as a boolean tensor of x's shape. */
function editMask(edit: ParsedEdit, shape: number[]): tf.Tensor {
  const { pos, unit } = axes(edit.site);
  const rank = shape.length;
  let mask = pick(shape[pos], edit.positions, pos, rank);
  if (unit !== null) {
    const units = unit === 0 ? edit.heads : edit.neurons;
    mask = tf.mul(mask, pick(shape[unit], units, unit, rank));
  }
  return tf.cast(tf.broadcastTo(mask, shape), 'bool');
}

/**
 * The source prompt's activation lined up with this run's: positions 0..min(T, T_source)-1
 * copied, the rest zero (checkEdit guarantees no edited position lies there). For the
 * pattern the key axis is cut the same way: a query at position p attends only to keys
 * 0..p, so its row is the same in both.
 */
function aligned(source: tf.Tensor, shape: number[], site: EditableHook): tf.Tensor {
  if (source.shape.every((d, i) => d === shape[i])) return source;
  const { pos } = axes(site);
  const cut = source.shape.map((d, a) => (a === pos || (site === 'attn.hook_pattern' && a === 2) ? -1 : d));
  const n = Math.min(source.shape[pos], shape[pos]);
  const size = cut.map((d) => (d === -1 ? n : d));
  const part = tf.slice(source, new Array(shape.length).fill(0), size);
  return tf.pad(
    part,
    shape.map((d, a) => [0, d - size[a]] as [number, number]),
  );
}

function replacement(edit: ParsedEdit, x: tf.Tensor, source: tf.Tensor | undefined): tf.Tensor {
  switch (edit.kind) {
    case 'zero':
      return tf.zerosLike(x);
    case 'mean':
      return tf.broadcastTo(tf.mean(x, axes(edit.site).pos, true), x.shape);
    case 'scale':
      return tf.mul(x, edit.factor as number);
    case 'patch':
      if (source === undefined) throw new Error(`${edit.hook}: the patch source's activation is missing`);
      return aligned(source, x.shape, edit.site);
  }
}

/** x with one edit applied; `source` is the patch source's activation at the same hook. */
export function applyEdit<T extends tf.Tensor>(edit: ParsedEdit, x: T, source?: tf.Tensor): T {
  return tf.tidy(() => tf.where(editMask(edit, x.shape), replacement(edit, x, source), x) as T);
}
