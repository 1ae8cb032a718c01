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

/** Which of n indices are picked: all when `picked` is undefined. */
function picks(n: number, picked: number[] | undefined): Uint8Array {
  const on = new Uint8Array(n).fill(picked === undefined ? 1 : 0);
  if (picked !== undefined) for (const i of picked) on[i] = 1;
  return on;
}

/**
 * The entries an edit changes, as a boolean tensor of x's shape, written out in JS: wasm's
 * Tile, which broadcasting a smaller mask up to x's shape takes, is a generic loop that
 * took 9 ms of a 256-token ablation (one layer's z, in a profile), more than the edit's
 * tf.where itself.
 */
function editMask(edit: ParsedEdit, shape: number[]): tf.Tensor {
  const { pos, unit } = axes(edit.site);
  const size = shape.reduce((a, b) => a * b, 1);
  const stride = (axis: number) => shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const posOn = picks(shape[pos], edit.positions);
  const unitOn = unit === null ? null : picks(shape[unit], unit === 0 ? edit.heads : edit.neurons);
  const posStride = stride(pos);
  const unitStride = unit === null ? 1 : stride(unit);
  // Row by row of the last axis: a row is all on or all off unless the units run along it.
  const last = shape.length - 1;
  const width = shape[last];
  const mask = new Uint8Array(size);
  for (let start = 0; start < size; start += width) {
    if (!posOn[Math.floor(start / posStride) % shape[pos]]) continue;
    if (unit === last) mask.set(unitOn!, start);
    else if (unitOn === null || unitOn[Math.floor(start / unitStride) % shape[unit!]])
      mask.fill(1, start, start + width);
  }
  return tf.tensor(mask, shape, 'bool');
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
