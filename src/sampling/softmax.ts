/**
 * Softmax with temperature over the whole vocabulary, in float64.
 * Subtracting the largest logit first keeps exp() in range, so even a temperature of
 * 1e-6 (logit gaps divided by 1e-6) gives 0s and 1s, never NaN or Infinity.
 */

/** Checks logits once: NaN and +Infinity have no meaningful probability; -Infinity means "never". */
export function checkLogits(logits: ArrayLike<number>): void {
  if (logits.length === 0) throw new RangeError('logits are empty');
  let finite = false;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i];
    if (Number.isNaN(x)) throw new RangeError(`logit ${i} is NaN`);
    if (x === Infinity) throw new RangeError(`logit ${i} is +Infinity`);
    if (x !== -Infinity) finite = true;
  }
  if (!finite) throw new RangeError('every logit is -Infinity: no token can be chosen');
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
  checkLogits(logits);
  if (!(temperature >= 0)) throw new RangeError(`temperature must be >= 0, got ${temperature}`);
  const probs = new Float64Array(logits.length);
  const top = argmax(logits);
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
  for (let i = 0; i < probs.length; i++) probs[i] /= sum;
  return probs;
}

/** Natural-log softmax at T = 1, computed stably (log-sum-exp). */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  checkLogits(logits);
  const max = logits[argmax(logits)];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] - logZ;
  return out;
}
