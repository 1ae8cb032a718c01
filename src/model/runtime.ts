/**
 * The GPT-2 runtime on the current TF.js backend: weights uploaded once, then traces,
 * block internals, attention views, logits and KV-cached generation on request.
 * Every method leaves the number of live tensors as it found it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockTrace } from './block-trace';
import type { GPT2Config } from './config';
import { promptLogits, startSession } from './generation';
import { logitLens } from './logit-lens';
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
import { checkIds, checkIndex, checkSummary, matrixData } from './validate';

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

    predictions,

    async block(summary, layer) {
      checkSummary(summary, config);
      checkIndex('layer', layer, config.n_layer);
      return blockTrace(live(), config, residOf(summary, layer), layer);
    },

    async tokenAttention(summary, position) {
      checkSummary(summary, config);
      checkIndex('position', position, summary.tokenIds.length);
      const resid = Array.from({ length: config.n_layer }, (_, l) => residOf(summary, l));
      return tokenAttention(live(), config, resid, position);
    },

    async logitLens(summary) {
      checkSummary(summary, config);
      const resid = Array.from({ length: config.n_layer }, (_, l) => residOf(summary, l));
      return logitLens(live(), config, summary.tokenIds, resid, await predictions(summary));
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

    dispose() {
      if (disposed) return;
      for (const s of [...sessions]) s.dispose();
      disposeModelTensors(m);
      disposed = true;
    },
  };
}
