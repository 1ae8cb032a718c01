/**
 * Chooses the TF.js backend: the first of the preferred list that initialises and can
 * compute in float32. Importing the three backend packages registers them; nothing is
 * initialised until tf.setBackend asks for it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './types';

/** Fastest first. WebGL needs a GPU context, wasm its .wasm binaries; cpu always works. */
export const DEFAULT_BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

export interface BackendOptions {
  /**
   * Where the wasm backend finds its .wasm files: a URL prefix ending in "/" in the
   * browser, a directory path ending in "/" in Node (see node-wasm.ts), or a map from
   * binary name to its full location. Without it TF.js looks next to the script.
   */
  wasmPaths?: string | Record<string, string>;
}

/**
 * Flags that keep every value float32. Half-float textures would round activations
 * to 11 significant bits; shape uniforms let WebGL reuse one compiled shader for every
 * prompt length instead of compiling new ones each time the token count changes.
 */
function configureWebgl(): void {
  tf.env().set('WEBGL_FORCE_F16_TEXTURES', false);
  tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
}

/** True when the backend just set computes in float32 (WebGL may only manage float16). */
function computesInFloat32(name: BackendName): boolean {
  if (name !== 'webgl') return true;
  return tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE') && tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

async function trySetBackend(name: BackendName, options: BackendOptions): Promise<boolean> {
  if (name === 'webgl') configureWebgl();
  if (name === 'wasm' && options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
  } catch {
    return false;
  }
  return computesInFloat32(name);
}

/**
 * Sets the first backend of `preferred` that works and returns its name.
 * Throws a one-line error when none does.
 */
export async function selectBackend(
  preferred: BackendName[] = DEFAULT_BACKENDS,
  options: BackendOptions = {},
): Promise<BackendName> {
  for (const name of preferred) {
    if (await trySetBackend(name, options)) return name;
  }
  throw new Error(`no TF.js backend could start (tried ${preferred.join(', ')})`);
}
