/**
 * Reading results back from the backend. On WebGL every read waits for the GPU, so a
 * result made of dozens of small tensors is joined into one vector and read once; a
 * result dominated by a few large tensors is read tensor by tensor (all reads issued at
 * once), since joining would hold a second copy of it on the backend and a third in JS.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Reads the tensors (flattened, in order) and disposes them: on WebGL with a single data()
 * call; on the other backends, whose reads do not wait for anything, tensor by tensor, as
 * joining would only add two copies. Each returned array owns its own buffer, so it can be
 * transferred to another thread on its own. int32 tensors come back as float32 (exact below
 * 2^24, enough for token ids).
 */
export async function readAll(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  if (tf.getBackend() !== 'webgl') {
    return readEach(
      tensors.map((t) => {
        if (t.dtype === 'float32') return t;
        const float = tf.cast(t, 'float32');
        t.dispose();
        return float;
      }),
    );
  }
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

/**
 * Reads each float32 tensor (all reads in flight together) and disposes them. For large
 * results: the peak is the tensors plus one JS copy. Each array owns its buffer (a
 * backend may hand out a view into a larger array; that one is copied).
 */
export async function readEach(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  try {
    const data = await Promise.all(tensors.map((t) => t.data<'float32'>()));
    return data.map((d) => (d.byteLength === d.buffer.byteLength ? d : d.slice()));
  } finally {
    tf.dispose(tensors);
  }
}
