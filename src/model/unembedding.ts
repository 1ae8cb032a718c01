/**
 * The unembedding W_U = W_E transposed, [n_embd, vocab], kept as column blocks of
 * UNEMBED_BLOCK tokens, and the two things done with it: logits (x . W_U, GPT-2 ties W_U to
 * W_E and adds no bias) and token embeddings (its columns; it is the only copy of W_E kept).
 *
 * Why transposed: x . W_U with W_U in [in, out] layout is several times faster on wasm than
 * a matMul with transposeB, and keeping W_E as well would cost another vocab x n_embd floats
 * (154 MB for GPT-2 small). Why in blocks: multiplying many rows by the whole 154 MB matrix,
 * XNNPACK streams all of it from memory again for every few rows; blocks of 1,024 columns
 * (3 MB) stay in cache. 256 rows: 375 ms in blocks, 537 ms whole (wasm, 2 threads); one row
 * costs the same either way.
 */
import * as tf from '@tensorflow/tfjs-core';

export const UNEMBED_BLOCK = 1024;

/** The blocks of W_U from W_E's values ([vocab, n_embd], row-major). */
export function unembeddingBlocks(wte: Float32Array, vocab: number, nEmbd: number): tf.Tensor2D[] {
  const blocks: tf.Tensor2D[] = [];
  for (let start = 0; start < vocab; start += UNEMBED_BLOCK) {
    const size = Math.min(UNEMBED_BLOCK, vocab - start);
    blocks.push(
      tf.tidy(() => tf.transpose(tf.tensor2d(wte.subarray(start * nEmbd, (start + size) * nEmbd), [size, nEmbd]))),
    );
  }
  return blocks;
}

/** Logits of each row of x ([rows, n_embd]): [rows, vocab]. */
export function unembed(wU: readonly tf.Tensor2D[], x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(
    () =>
      (wU.length === 1
        ? tf.matMul(x, wU[0])
        : tf.concat(
            wU.map((block) => tf.matMul(x, block)),
            1,
          )) as tf.Tensor2D,
  );
}

/**
 * log p(target) under x's logits for each row of x, with targets[i] the token of row i:
 * its logit (x . that token's W_E row) minus the log-sum-exp of the row's logits. The
 * log-sum-exp is taken block by block of W_U and the blocks' results combined, so the
 * [rows, vocab] logits never exist at once (20 MB at 100 rows of GPT-2's vocabulary) and
 * each block's logits stay in cache through their max, exp and sum.
 */
export function targetLogProbs(wU: readonly tf.Tensor2D[], x: tf.Tensor2D, targets: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const maxes: tf.Tensor2D[] = [];
    const sums: tf.Tensor1D[] = [];
    for (const block of wU) {
      const logits = tf.matMul(x, block);
      const max = tf.max<tf.Tensor2D>(logits, 1, true);
      maxes.push(max);
      sums.push(tf.sum<tf.Tensor1D>(tf.exp(tf.sub(logits, max)), 1));
    }
    const m = tf.concat(maxes, 1);
    const top = tf.max<tf.Tensor2D>(m, 1, true);
    const scaled = tf.mul(tf.stack(sums, 1), tf.exp(tf.sub(m, top)));
    const logSumExp = tf.add(tf.reshape(top, [-1]), tf.log(tf.sum(scaled, 1)));
    const picked = tf.sum<tf.Tensor1D>(tf.mul(x, tokenEmbeddings(wU, targets)), 1);
    return tf.sub<tf.Tensor1D>(picked, logSumExp);
  });
}

/** hook_embed: the W_E rows of the tokens, [T, n_embd], gathered block by block. */
export function tokenEmbeddings(wU: readonly tf.Tensor2D[], ids: readonly number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const positionsByBlock = new Map<number, number[]>();
    ids.forEach((id, p) => {
      const b = Math.floor(id / UNEMBED_BLOCK);
      const positions = positionsByBlock.get(b);
      if (positions) positions.push(p);
      else positionsByBlock.set(b, [p]);
    });
    // Columns come out grouped by block; `order` says which position each one is.
    const order: number[] = [];
    const columns = [...positionsByBlock.entries()].map(([b, positions]) => {
      order.push(...positions);
      const within = positions.map((p) => ids[p] - b * UNEMBED_BLOCK);
      return tf.gather(wU[b], tf.tensor1d(within, 'int32'), 1);
    });
    const grouped = columns.length === 1 ? columns[0] : tf.concat(columns, 1);
    if (order.every((p, i) => p === i)) return tf.transpose(grouped);
    const columnOf = new Int32Array(ids.length);
    order.forEach((p, i) => (columnOf[p] = i));
    return tf.transpose(tf.gather(grouped, tf.tensor1d(columnOf, 'int32'), 1));
  });
}
