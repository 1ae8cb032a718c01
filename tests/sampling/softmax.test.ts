import { describe, expect, it } from 'vitest';
import { argmax, logSoftmax, MAX_TEMPERATURE, softmax } from '../../src/sampling';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
const allFinite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

describe('softmax', () => {
  it('matches the definition at T = 1', () => {
    const p = softmax([1, 2, 3]);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(p[0]).toBeCloseTo(Math.exp(1) / z, 12);
    expect(p[2]).toBeCloseTo(Math.exp(3) / z, 12);
    expect(sum(p)).toBeCloseTo(1, 12);
  });

  it('does not overflow on large logits', () => {
    const p = softmax([1000, 1001, 999]);
    expect(allFinite(p)).toBe(true);
    expect(sum(p)).toBeCloseTo(1, 12);
  });

  it('T = 0 is a one-hot on the argmax, ties to the lowest id', () => {
    expect(Array.from(softmax([1, 3, 2], 0))).toEqual([0, 1, 0]);
    expect(Array.from(softmax([5, 1, 5, 5], 0))).toEqual([1, 0, 0, 0]);
  });

  it('T = 1e-6 gives no NaN or Infinity, and splits exact ties evenly', () => {
    const p = softmax([0.5, 3, 2.99, 3], 1e-6);
    expect(allFinite(p)).toBe(true);
    expect(p[1]).toBeCloseTo(0.5, 12);
    expect(p[3]).toBeCloseTo(0.5, 12);
    expect(p[0]).toBe(0);
    expect(p[2]).toBe(0);
  });

  it('the maximum temperature flattens but keeps the order', () => {
    const logits = [0, 1, 2, 3];
    const hot = softmax(logits, MAX_TEMPERATURE);
    const normal = softmax(logits, 1);
    expect(hot[3] - hot[0]).toBeLessThan(normal[3] - normal[0]);
    expect(hot[3]).toBeGreaterThan(hot[0]);
    expect(sum(hot)).toBeCloseTo(1, 12);
  });

  it('all-equal logits give a uniform distribution', () => {
    const p = softmax(new Float32Array(50257).fill(-3.25), 0.7);
    expect(p[0]).toBeCloseTo(1 / 50257, 15);
    expect(p[50256]).toBeCloseTo(1 / 50257, 15);
  });

  it('-Infinity logits get probability 0', () => {
    const p = softmax([-Infinity, 0, -Infinity, 0]);
    expect(Array.from(p)).toEqual([0, 0.5, 0, 0.5]);
    expect(Array.from(softmax([-Infinity, 2], 0))).toEqual([0, 1]);
  });

  it('rejects NaN, +Infinity, all -Infinity, empty logits and a negative temperature', () => {
    expect(() => softmax([0, NaN])).toThrow(/NaN/);
    expect(() => softmax([0, Infinity])).toThrow(/\+Infinity/);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(/every logit/);
    expect(() => softmax([])).toThrow(/empty/);
    expect(() => softmax([1, 2], -1)).toThrow(/temperature/);
    expect(() => softmax([1, 2], NaN)).toThrow(/temperature/);
  });
});

describe('argmax', () => {
  it('breaks ties by the lowest index', () => {
    expect(argmax([2, 7, 7, 1])).toBe(1);
    expect(argmax([-Infinity, -Infinity, 0])).toBe(2);
  });
});

describe('logSoftmax', () => {
  it('agrees with log(softmax) and stays finite for huge gaps', () => {
    const l = logSoftmax([1, 2, 3]);
    const p = softmax([1, 2, 3]);
    for (let i = 0; i < 3; i++) expect(l[i]).toBeCloseTo(Math.log(p[i]), 12);
    expect(logSoftmax([0, 10000])[0]).toBeCloseTo(-10000, 9);
  });
});
