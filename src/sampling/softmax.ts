/**
 * Softmax with temperature over the whole vocabulary, in float64.
 * Subtracting the largest logit first keeps exp() in range, so even a temperature of
 * 1e-6 (logit gaps divided by 1e-6) gives 0s and 1s, never NaN or Infinity.
 */

/**
 * Checks logits and finds the largest in one pass (the page runs this over 50,257 logits on
 * every new trace and temperature change): NaN and +Infinity have no meaningful
 * probability; -Infinity means "never". Returns the index of the largest logit, ties to the
 * lowest index.
 */
function checkedArgmax(logits: ArrayLike<number>): number {
  if (logits.length === 0) throw new RangeError('logits are empty');
  let finite = false;
  let best = 0;
  let bestValue = logits[0];
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i];
    if (Number.isNaN(x)) throw new RangeError(`logit ${i} is NaN`);
    if (x === Infinity) throw new RangeError(`logit ${i} is +Infinity`);
    if (x !== -Infinity) finite = true;
    if (x > bestValue) {
      best = i;
      bestValue = x;
    }
  }
  if (!finite) throw new RangeError('every logit is -Infinity: no token can be chosen');
  return best;
}

export function checkLogits(logits: ArrayLike<number>): void {
  checkedArgmax(logits);
}

/** Index of the largest value; ties go to the lowest index. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * softmax(logits / T). T = 0 is the limit T -> 0: all probability on the argmax
 * (a one-hot; ties go to the lowest id, so the result is deterministic).
 */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const top = checkedArgmax(logits);
  if (!(temperature >= 0)) throw new RangeError(`temperature must be >= 0, got ${temperature}`);
  const probs = new Float64Array(logits.length);
  if (temperature === 0) {
    probs[top] = 1;
    return probs;
  }
  const max = logits[top];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] - max) / temperature);
    probs[i] = e;
    sum += e;
  }
  // sum >= 1 (the largest logit contributes e^0), so its inverse is finite.
  const scale = 1 / sum;
  for (let i = 0; i < probs.length; i++) probs[i] *= scale;
  return probs;
}

/** Natural-log softmax at T = 1, computed stably (log-sum-exp). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  const max = logits[checkedArgmax(logits)];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
  return out;
}
