/**
 * Scoring attention patterns against detection patterns, layer by layer on the backend:
 * for each head, the attention that falls on the marked (query, key) pairs and the total
 * attention. Only one layer's n_head x T x T pattern exists at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type GPT2Config, headDim } from '../config';
import type { ModelTensors } from '../model-tensors';
import { attentionPattern, causalMaskBias, layerNorm, projectQkv, rawScores, scaledScores } from '../ops';
import { readAll } from '../read-all';
import type { Editor } from './edited-stream';

/** marked[d][l][h]: attention of head h in layer l on detection pattern d's pairs; total[l][h]: all its attention. */
export interface PatternSums {
  marked: number[][][];
  total: number[][];
}

/**
 * `resid[l]` is the stream entering block l ([T, n_embd] row-major); each detection pattern
 * is a T x T 0/1 matrix (query rows, key columns). The run's pattern edits apply.
 */
export async function patternSums(
  m: ModelTensors,
  config: GPT2Config,
  resid: readonly Float32Array[],
  detections: readonly Float32Array[],
  editor: Editor | null,
): Promise<PatternSums> {
  const E = config.n_embd;
  const H = config.n_head;
  const T = resid[0].length / E;
  const n = detections.length;
  const tensors = tf.tidy(() => {
    const mask = causalMaskBias(T);
    const det = tf.tensor3d(Float32Array.from(detections.flatMap((d) => Array.from(d))), [n, T, T]);
    return m.blocks.map((w, l) =>
      tf.tidy(() => {
        const x = tf.tensor2d(resid[l], [T, E]);
        const { q, k } = projectQkv(layerNorm(x, w.ln1, config.layer_norm_epsilon), w, H);
        const plain = attentionPattern(scaledScores(rawScores(q, k), headDim(config), mask));
        const pattern = (editor?.layer(l)?.('attn.hook_pattern', plain) ?? plain) as tf.Tensor3D;
        // [n, H]: sum over queries and keys of pattern x detection, then each head's total.
        const marked = tf.sum(tf.mul(tf.expandDims(pattern, 0), tf.expandDims(det, 1)), [2, 3]);
        return tf.concat([tf.reshape(marked, [-1]), tf.sum(pattern, [1, 2])]);
      }),
    );
  });
  const rows = await readAll(tensors);
  return {
    marked: Array.from({ length: n }, (_, d) => rows.map((r) => Array.from(r.subarray(d * H, (d + 1) * H)))),
    total: rows.map((r) => Array.from(r.subarray(n * H))),
  };
}
