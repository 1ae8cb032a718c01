/**
 * Timing on the page: a warm-up measured in seconds (wasm code is re-optimised in the
 * background for a while after it loads, so one warm-up run is not enough), then a fixed
 * number of timed runs summarised as median, min and max; and kernel time per kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { summarize } from '../stats';
import type { KernelTime, LogitRows, Stat } from './protocol';

/** Runs `fn` at least once and until `seconds` have passed. */
export async function warmUp(fn: () => Promise<unknown>, seconds: number): Promise<void> {
  const until = performance.now() + seconds * 1000;
  do await fn();
  while (performance.now() < until);
}

/** Times `runs` calls of `fn`, one after another. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<Stat> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Time of one call, ms. */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The JS heap in use (Chromium's performance.memory; precise with --enable-precise-memory-info). */
export function jsHeapBytes(): number {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory?.usedJSHeapSize ?? 0;
}

/** A Float32Array as base64, so logit rows travel through JSON intact. */
export function float32ToBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let text = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

export function logitRows(tokens: number, positions: number[], rows: Float32Array[], last: Float32Array): LogitRows {
  return { tokens, positions, rows: rows.map(float32ToBase64), last: float32ToBase64(last) };
}

/**
 * Kernel time of one call, summed per kernel name, biggest first. Entries named "...__op"
 * are TF.js op wrappers around a kernel that is listed too, so they are left out.
 */
export async function kernelTimes(fn: () => Promise<unknown>): Promise<KernelTime[]> {
  const info = await tf.profile(async () => {
    await fn();
  });
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels.filter((k) => !k.name.endsWith('__op'))) {
    const entry = byName.get(k.name) ?? { kernel: k.name, calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(k.name, entry);
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}
