/**
 * The wasm backend's Slice, Unpack and GatherV2 replacements (src/model/wasm-copies.ts)
 * give exactly what the cpu backend gives, for any shape and box, and refuse a bad index.
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { nodeWasmPaths } from '../../src/node/node-wasm';

beforeAll(async () => {
  await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
});

/** Runs fn on the cpu backend and on wasm with the same inputs; returns both results' values. */
async function onBoth(fn: () => tf.Tensor | tf.Tensor[]): Promise<[number[][], number[][]]> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const out = tf.tidy(fn);
    const list = Array.isArray(out) ? out : [out];
    const values = await Promise.all(list.map(async (t) => [...t.shape, -1, ...(await t.data())]));
    tf.dispose(list);
    return values;
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  return [cpu, wasm];
}

const shapes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });
const values = (shape: number[]) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 1.5 - 7);

describe('wasm copy kernels', () => {
  it('slice cuts any box as the cpu backend does', async () => {
    const boxes = shapes.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        ...shape.map((n) =>
          fc.integer({ min: 0, max: n - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 1, max: n - b }))),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(boxes, async ([shape, ...ranges]) => {
        const [cpu, wasm] = await onBoth(() =>
          tf.slice(
            tf.tensor(values(shape), shape),
            ranges.map((r) => r[0]),
            ranges.map((r) => r[1]),
          ),
        );
        expect(wasm).toEqual(cpu);
      }),
      { numRuns: 60 },
    );
  });

  it('unstack splits along any axis as the cpu backend does, for float32 and int32', async () => {
    const cases = shapes.chain((shape) =>
      fc.tuple(fc.constant(shape), fc.integer({ min: 0, max: shape.length - 1 }), fc.constantFrom('float32', 'int32')),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([shape, axis, dtype]) => {
        const [cpu, wasm] = await onBoth(() =>
          tf.unstack(tf.tensor(values(shape).map(Math.round), shape, dtype as 'float32' | 'int32'), axis),
        );
        expect(wasm).toEqual(cpu);
      }),
      { numRuns: 60 },
    );
  });

  it('gather picks along any axis as the cpu backend does, repeated indices included', async () => {
    const cases = shapes.chain((shape) =>
      fc
        .integer({ min: 0, max: shape.length - 1 })
        .chain((axis) =>
          fc.tuple(
            fc.constant(shape),
            fc.constant(axis),
            fc.array(fc.integer({ min: 0, max: shape[axis] - 1 }), { minLength: 1, maxLength: 6 }),
          ),
        ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([shape, axis, indices]) => {
        const [cpu, wasm] = await onBoth(() =>
          tf.gather(tf.tensor(values(shape), shape), tf.tensor1d(indices, 'int32'), axis),
        );
        expect(wasm).toEqual(cpu);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an index out of range with the message TF.js gives, and leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const indices = tf.tensor1d([0, 2], 'int32');
    const before = tf.memory().numTensors;
    expect(() => tf.gather(x, indices)).toThrow('GatherV2: the index value 2 is not in [0, 1]');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, indices]);
  });
});
