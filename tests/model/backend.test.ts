import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { nodeWasmPaths } from '../../src/node/node-wasm';

describe('selectBackend', () => {
  it('sets the first backend that starts and says which', async () => {
    // Node has no WebGL context, so webgl fails and the next one is taken.
    expect(await selectBackend(['webgl', 'cpu'])).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('starts wasm in Node from the package folder', async () => {
    expect(await selectBackend(['wasm', 'cpu'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await tf.square(tf.tensor1d([3])).data()).toEqual(new Float32Array([9]));
  });

  it('fails with one line when nothing starts', async () => {
    await expect(selectBackend(['webgl'])).rejects.toThrow(/^no TF.js backend could start \(tried webgl\)$/);
  });

  it('keeps WebGL textures at float32', async () => {
    await selectBackend(['webgl', 'cpu']);
    expect(tf.env().getBool('WEBGL_FORCE_F16_TEXTURES')).toBe(false);
  });
});
