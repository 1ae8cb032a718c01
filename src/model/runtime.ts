/**
 * The GPT-2 runtime on the current TF.js backend: weights uploaded once, then traces,
 * block internals, attention views, logits and KV-cached generation on request.
 * Every method leaves the number of live tensors as it found it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockTrace } from './block-trace';
import type { GPT2Config } from './config';
import { promptLogits, startSession } from './generation';
import { createModelTensors, disposeModelTensors } from './model-tensors';
import { tokenAttention } from './token-attention';
import { traceSummary } from './trace';
import { predictionsOf } from './predictions';
import type {
  BackendName,
  GenerationSession,
  GPT2Runtime,
  PositionPrediction,
  TraceSummary,
  WeightTensor,
} from './types';
import { unembed } from './unembedding';
import { attribute } from './interventions/attribution';
import { createEditor, editedStream, type Editor } from './interventions/edited-stream';
import { checkEdits } from './interventions/edits';
import { headScores } from './interventions/head-scores';
import { inductionProbe } from './interventions/induction-probe';
import { patchingSweep } from './interventions/patching-sweep';
import { checkHeldTrace, checkIds, checkIndex, checkSummary, matrixData } from './validate';

export async function createRuntime(config: GPT2Config, tensors: Map<string, WeightTensor>): Promise<GPT2Runtime> {
  await tf.ready();
  const backend = tf.getBackend() as BackendName;
  const m = createModelTensors(config, tensors);
  const sessions = new Set<GenerationSession>();
  let disposed = false;

  const live = () => {
    if (disposed) throw new Error('the model was unloaded');
    return m;
  };
  const E = config.n_embd;
  const residOf = (s: TraceSummary, l: number) => matrixData(`resid[${l}]`, s.resid[l], s.tokenIds.length, E);

  /** The editor of an edited run's summary (null for a plain trace); the caller disposes it. */
  function editorOf(summary: TraceSummary): Editor | null {
    if (summary.edits === undefined) return null;
    const { edits, patchFrom } = summary.edits;
    return createEditor(live(), config, checkEdits(edits, config, summary.tokenIds.length, patchFrom), patchFrom);
  }

  /** Runs fn with the summary's editor, disposing it afterwards, also on errors. */
  async function withEditor<T>(summary: TraceSummary, fn: (editor: Editor | null) => Promise<T>): Promise<T> {
    const editor = editorOf(summary);
    try {
      return await fn(editor);
    } finally {
      editor?.dispose();
    }
  }

  async function predictions(summary: TraceSummary): Promise<PositionPrediction[]> {
    checkSummary(summary, config);
    const T = summary.tokenIds.length;
    if (summary.predictions.length === T) return summary.predictions;
    return predictionsOf(live(), config, summary.tokenIds, matrixData('lnFinal', summary.lnFinal, T, E));
  }

  return {
    config,
    backend,

    async trace(ids, options) {
      checkIds(ids, config);
      return traceSummary(live(), config, ids, options?.predictions ?? true);
    },

    async run(ids, edits, options) {
      checkIds(ids, config);
      const patchFrom = options?.patchFrom;
      const parsed = checkEdits(edits, config, ids.length, patchFrom);
      if (patchFrom !== undefined) checkIds(patchFrom, config);
      const clean = options?.clean;
      if (clean !== undefined) checkHeldTrace(clean, ids, config);
      const from = clean === undefined ? 0 : Math.min(config.n_layer, ...parsed.map((e) => e.layer));
      const held = clean === undefined ? undefined : { summary: clean, from };
      const editor = createEditor(live(), config, parsed, patchFrom);
      try {
        const stream = (start: tf.Tensor2D) => editedStream(m, config, start, editor, from);
        const summary = await traceSummary(m, config, ids, options?.predictions ?? true, stream, held);
        const applied = edits.map((e) => ({ ...e }));
        return { ...summary, edits: patchFrom ? { edits: applied, patchFrom: [...patchFrom] } : { edits: applied } };
      } finally {
        editor.dispose();
      }
    },

    predictions,

    async block(summary, layer) {
      checkSummary(summary, config);
      checkIndex('layer', layer, config.n_layer);
      const resid = residOf(summary, layer);
      return withEditor(summary, (editor) =>
        blockTrace(live(), config, resid, layer, editor?.layer(layer) ?? undefined),
      );
    },

    async tokenAttention(summary, position) {
      checkSummary(summary, config);
      checkIndex('position', position, summary.tokenIds.length);
      const resid = Array.from({ length: config.n_layer }, (_, l) => residOf(summary, l));
      return withEditor(summary, (editor) =>
        tokenAttention(live(), config, resid, position, (l) => editor?.layer(l) ?? null),
      );
    },

    async attribute(summary, request) {
      checkSummary(summary, config);
      const resid = Array.from({ length: config.n_layer + 1 }, (_, l) => residOf(summary, l));
      return withEditor(summary, (editor) => attribute(live(), config, summary, resid, request, editor));
    },

    async headScores(summary) {
      checkSummary(summary, config);
      const resid = Array.from({ length: config.n_layer }, (_, l) => residOf(summary, l));
      return withEditor(summary, (editor) => headScores(live(), config, summary.tokenIds, resid, editor));
    },

    async inductionProbe(request) {
      return inductionProbe(live(), config, request);
    },

    async patchingSweep(request, options) {
      return patchingSweep(live(), config, request, options);
    },

    async logitsAt(summary, position) {
      checkSummary(summary, config);
      const T = summary.tokenIds.length;
      checkIndex('position', position, T);
      const row = matrixData('lnFinal', summary.lnFinal, T, E).subarray(position * E, (position + 1) * E);
      const logits = tf.tidy(() => unembed(live().wU, tf.tensor2d(row, [1, E])));
      try {
        return (await logits.data()) as Float32Array;
      } finally {
        logits.dispose();
      }
    },

    async nextLogits(ids) {
      checkIds(ids, config);
      return promptLogits(live(), config, ids);
    },

    async startGeneration(ids) {
      checkIds(ids, config);
      const started = await startSession(live(), config, ids, (s) => sessions.delete(s));
      sessions.add(started.session);
      return started;
    },

    tensors: live,

    dispose() {
      if (disposed) return;
      for (const s of [...sessions]) s.dispose();
      disposeModelTensors(m);
      disposed = true;
    },
  };
}
