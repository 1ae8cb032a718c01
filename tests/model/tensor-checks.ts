/** Checks shared by the runtime's tests: closeness of two arrays, and no tensor left behind. */
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

export const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

/** Runs fn and checks it left exactly as many live tensors as it found. */
export async function leavesNoTensors<T>(fn: () => Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

/** The message of a promise that must reject with an Error of one line. */
export async function failure(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}
