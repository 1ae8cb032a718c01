/**
 * Reading rows of the residual stream out as next-token distributions without bringing
 * the vocabulary-sized logits back from the backend: top-k, logsumexp, the actual next
 * token's logit and the entropy are computed where the logits are, a few rows at a
 * time, and only those few numbers per row are read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TokenScore } from './types';
import { unembed } from './unembedding';

/** Logits of about 4M floats (16 MB) at a time: 83 rows of GPT-2's vocabulary. */
const CHUNK_FLOATS = 1 << 22;

/** Width of one packed readout row: k logits, k ids, logsumexp, next-token logit, entropy. */
export const readoutWidth = (k: number): number => 2 * k + 3;

/**
 * Statistics of softmax(x . W_U) for each row of x, packed as [rows, 2k + 3] float32:
 * the top k logits (best first), their token ids, logsumexp, the logit of nextIds[row]
 * and, when `withEntropy`, the entropy in nats (else 0). Rows whose next id is unknown
 * pass any valid id and ignore that column. Logits are made `chunkFloats` at a time.
 */
export function readoutRows(
  x: tf.Tensor2D,
  wU: readonly tf.Tensor2D[],
  nextIds: readonly number[],
  k: number,
  withEntropy: boolean,
  chunkFloats = CHUNK_FLOATS,
): tf.Tensor2D {
  const vocab = wU.reduce((n, block) => n + block.shape[1], 0);
  const chunk = Math.max(1, Math.floor(chunkFloats / vocab));
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < x.shape[0]; start += chunk) {
    const size = Math.min(chunk, x.shape[0] - start);
    parts.push(
      tf.tidy(() => {
        const logits = unembed(wU, tf.slice(x, [start, 0], [size, -1]));
        // Row r's next-token logit sits at r * vocab + id in the flattened chunk. A plain
        // gather on that is used because gather with batchDims reads out of bounds on wasm.
        const flatIds = nextIds.slice(start, start + size).map((id, r) => r * vocab + id);
        const top = tf.topk(logits, k);
        const { lse, entropy } = softmaxStats(logits, top, withEntropy);
        const nextLogit = tf.reshape<tf.Rank.R2>(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIds, 'int32')), [
          size,
          1,
        ]);
        return tf.concat([top.values, tf.cast(top.indices, 'float32'), lse, nextLogit, entropy], 1) as tf.Tensor2D;
      }),
    );
  }
  const packed = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  if (parts.length > 1) tf.dispose(parts);
  return packed;
}

/**
 * logsumexp of each row and, when asked, the entropy -sum p ln p, from one softmax (a single
 * vectorised kernel on wasm, where exp on its own is scalar and was the slowest pass). With m
 * the row's top logit and S = sum exp(logit - m), the top token's probability is 1 / S, so
 * logsumexp = m + ln S = m - ln p_top, and the entropy is ln S - sum p (logit - m). The
 * logits are shifted by m before that sum: unshifted, GPT-2's logits (around -100) would
 * cancel to a few digits. (Without entropy, that column is 0.)
 */
function softmaxStats(
  logits: tf.Tensor2D,
  top: { values: tf.Tensor2D; indices: tf.Tensor2D },
  withEntropy: boolean,
): { lse: tf.Tensor2D; entropy: tf.Tensor2D } {
  const [rows, vocab] = logits.shape;
  const p = tf.softmax(logits);
  const max = tf.slice(top.values, [0, 0], [rows, 1]);
  const rowStarts = tf.tensor1d(
    Array.from({ length: rows }, (_, r) => r * vocab),
    'int32',
  );
  const topAt = tf.add(tf.reshape(tf.slice(top.indices, [0, 0], [rows, 1]), [rows]), rowStarts);
  const logSum = tf.neg<tf.Tensor2D>(tf.log(tf.reshape<tf.Rank.R2>(tf.gather(tf.reshape(p, [-1]), topAt), [rows, 1])));
  const entropy = withEntropy
    ? tf.sub<tf.Tensor2D>(logSum, tf.sum(tf.mul(p, tf.sub(logits, max)), 1, true))
    : tf.zerosLike(logSum);
  return { lse: tf.add<tf.Tensor2D>(max, logSum), entropy };
}

/**
 * What follows each position of a prompt, for readoutRows and decodeReadout: the next
 * token's id, and at the last position (which has no next token yet) a stand-in id that
 * hasNext marks as not real.
 */
export function followingIds(ids: readonly number[]): { nextIds: number[]; hasNext: (row: number) => boolean } {
  return { nextIds: [...ids.slice(1), 0], hasNext: (row) => row < ids.length - 1 };
}

export interface ReadoutRow {
  top: TokenScore[];
  /** ln p of the row's next token, or null when it has none. */
  nextLogprob: number | null;
  entropy: number;
}

/** Unpacks readoutRows' numbers; hasNext(row) says whether the row's next id was real. */
export function decodeReadout(packed: Float32Array, k: number, hasNext: (row: number) => boolean): ReadoutRow[] {
  const width = readoutWidth(k);
  const rows: ReadoutRow[] = [];
  for (let r = 0; r * width < packed.length; r++) {
    const o = r * width;
    const lse = packed[o + 2 * k];
    const top: TokenScore[] = [];
    for (let i = 0; i < k; i++) {
      const logit = packed[o + i];
      top.push({ id: packed[o + k + i], logit, logprob: logit - lse });
    }
    rows.push({
      top,
      nextLogprob: hasNext(r) ? packed[o + 2 * k + 1] - lse : null,
      entropy: packed[o + 2 * k + 2],
    });
  }
  return rows;
}
