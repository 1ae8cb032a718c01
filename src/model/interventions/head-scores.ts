/**
 * Head-type scores with TransformerLens's head detector (transformer_lens/head_detector.py)
 * at its defaults: error measure "mul", exclude_bos and exclude_current_token off. A head's
 * score is the share of its attention, summed over all queries, that falls on the detection
 * pattern's (query, key) pairs: sum(pattern x detection) / sum(pattern). The patterns:
 * - previous token: key = query - 1;
 * - duplicate token: an earlier key with the same token as the query;
 * - induction: a key right after an earlier occurrence of the query's token.
 * The prompt is scored as given: unlike detect_head on a string, no BOS token is added.
 */
import type { GPT2Config } from '../config';
import type { ModelTensors } from '../model-tensors';
import type { Editor } from './edited-stream';
import { patternSums } from './pattern-scores';

/** Each [layer][head]. */
export interface HeadScores {
  previousToken: number[][];
  duplicateToken: number[][];
  induction: number[][];
}

/** The three detection patterns of a token sequence, each T x T row-major (query, key). */
export function detectionPatterns(ids: readonly number[]): {
  previousToken: Float32Array;
  duplicateToken: Float32Array;
  induction: Float32Array;
} {
  const T = ids.length;
  const previousToken = new Float32Array(T * T);
  const duplicateToken = new Float32Array(T * T);
  const induction = new Float32Array(T * T);
  for (let q = 0; q < T; q++) {
    if (q > 0) previousToken[q * T + q - 1] = 1;
    for (let k = 0; k < q; k++) {
      if (ids[k] === ids[q]) {
        duplicateToken[q * T + k] = 1;
        induction[q * T + k + 1] = 1;
      }
    }
  }
  return { previousToken, duplicateToken, induction };
}

export async function headScores(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  resid: readonly Float32Array[],
  editor: Editor | null,
): Promise<HeadScores> {
  if (ids.length < 2) throw new Error(`head scores need a prompt of at least 2 tokens, this one has ${ids.length}`);
  const d = detectionPatterns(ids);
  const sums = await patternSums(m, config, resid, [d.previousToken, d.duplicateToken, d.induction], editor);
  const share = (marked: number[][]) => marked.map((row, l) => row.map((v, h) => v / sums.total[l][h]));
  return {
    previousToken: share(sums.marked[0]),
    duplicateToken: share(sums.marked[1]),
    induction: share(sums.marked[2]),
  };
}
