/**
 * One read for many tensors. On WebGL every read waits for the GPU, so a result made of
 * dozens of tensors is joined into one float32 vector on the backend and read once.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Reads the tensors (flattened, in order) with a single data() call and disposes them.
 * Each returned array owns its own buffer, so it can be transferred to another thread
 * on its own. int32 tensors come back as float32 (exact below 2^24, enough for token ids).
 */
export async function readAll(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  let joined: tf.Tensor1D;
  try {
    joined = tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(tf.cast(t, 'float32'), [-1]))) as tf.Tensor1D);
  } finally {
    tf.dispose(tensors);
  }
  let flat: Float32Array;
  try {
    flat = (await joined.data()) as Float32Array;
  } finally {
    joined.dispose();
  }
  const out: Float32Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    out.push(flat.slice(offset, offset + t.size));
    offset += t.size;
  }
  return out;
}
