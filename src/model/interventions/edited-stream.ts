/**
 * The forward pass with edits: the residual stream of a prompt where some hook points are
 * changed. Blocks with an edit run stage by stage (block-stages.ts) so every hook exists;
 * the others take the fast path. Patch edits read the same hook in the source prompt's
 * unedited run, captured once beforehand and kept until the editor is disposed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages, type HookEdit } from '../block-stages';
import type { GPT2Config } from '../config';
import { blockForward, embed } from '../forward';
import type { ModelTensors } from '../model-tensors';
import { causalMaskBias } from '../ops';
import { applyEdit } from './apply-edit';
import type { EditableHook, ParsedEdit } from './edits';

/** Edits grouped by layer, with the patch sources they need on the backend. */
export interface Editor {
  /** The layer's hook edit, or null when nothing in the layer (beyond its input) changes. */
  layer(l: number): HookEdit | null;
  /** Edits the residual stream entering block l (its hook_resid_pre). */
  input(l: number, x: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

const key = (layer: number, site: EditableHook) => `${layer}/${site}`;

/**
 * Runs blocks from..n_layer-1 from `start`, the stream entering block `from` (the
 * embeddings when `from` is 0), calling `editor.layer(l)` for each block's hooks and
 * `input(l, x)` on each block's input. Returns the stream tensors entering blocks
 * from..n_layer-1 (input edits applied) and the last block's output, like
 * forward.residualStream when `from` is 0.
 */
export function editedStream(
  m: ModelTensors,
  config: GPT2Config,
  start: tf.Tensor2D,
  editor: Pick<Editor, 'layer' | 'input'>,
  from = 0,
): tf.Tensor2D[] {
  return tf.tidy(() => {
    const mask = causalMaskBias(start.shape[0]);
    const resid = [editor.input(from, start)];
    m.blocks.slice(from).forEach((w, i) => {
      const l = from + i;
      const edit = editor.layer(l);
      const x = resid[i];
      let out: tf.Tensor2D;
      if (edit === null) {
        const { residPost, cache } = blockForward(x, w, config, mask);
        tf.dispose([cache.k, cache.v]);
        out = residPost;
      } else {
        out = tf.tidy(() => blockStages(x, w, config, edit).residPost);
      }
      resid.push(l + 1 < config.n_layer ? editor.input(l + 1, out) : out);
    });
    return resid;
  });
}

/** The unedited activations of `ids` at the given hooks, kept on the backend (the caller disposes them). */
function capture(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  wanted: Set<string>,
): Map<string, tf.Tensor> {
  const seen = new Map<string, tf.Tensor>();
  const keep = (k: string, x: tf.Tensor) => {
    if (wanted.has(k) && !seen.has(k)) seen.set(k, tf.keep(x.clone()));
    return x;
  };
  const layers = new Set([...wanted].map((k) => Number(k.split('/')[0])));
  try {
    tf.tidy(() => {
      editedStream(m, config, embed(m, ids), {
        layer: (l) => (layers.has(l) ? (site, x) => keep(key(l, site), x) : null),
        input: (l, x) => keep(key(l, 'hook_resid_pre'), x) as tf.Tensor2D,
      });
    });
  } catch (error) {
    tf.dispose([...seen.values()]);
    throw error;
  }
  return seen;
}

/** An editor for checked edits; `patchFrom` (the source prompt's ids) is needed when there are patch edits. */
export function createEditor(
  m: ModelTensors,
  config: GPT2Config,
  edits: readonly ParsedEdit[],
  patchFrom?: readonly number[],
): Editor {
  const byKey = new Map<string, ParsedEdit[]>();
  for (const e of edits) {
    const k = key(e.layer, e.site);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const patched = new Set(edits.filter((e) => e.kind === 'patch').map((e) => key(e.layer, e.site)));
  const sources = patched.size > 0 && patchFrom ? capture(m, config, patchFrom, patched) : new Map<string, tf.Tensor>();
  const apply = (k: string, x: tf.Tensor) => (byKey.get(k) ?? []).reduce((y, e) => applyEdit(e, y, sources.get(k)), x);
  const inner = new Set(edits.filter((e) => e.site !== 'hook_resid_pre').map((e) => e.layer));
  return {
    layer: (l) => (inner.has(l) ? (site, x) => apply(key(l, site), x) : null),
    input: (l, x) => apply(key(l, 'hook_resid_pre'), x) as tf.Tensor2D,
    dispose: () => tf.dispose([...sources.values()]),
  };
}
