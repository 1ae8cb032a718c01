/**
 * Chooses the TF.js backend: the first of the preferred list that initialises and can
 * compute in float32. Importing the three backend packages registers them; nothing is
 * initialised until tf.setBackend asks for it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './types';
import { registerDirectWasmCopies } from './wasm-copies';
import { registerWasmLayerNorm } from './wasm-layer-norm';

/** Fastest first. WebGL needs a GPU context, wasm its .wasm binaries; cpu always works. */
export const DEFAULT_BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

export interface BackendOptions {
  /**
   * Where the wasm backend finds its .wasm files: a URL prefix ending in "/" in the
   * browser, a directory path ending in "/" in Node (see src/node/node-wasm.ts), or a map from
   * binary name to its full location. Without it TF.js looks next to the script.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Pass over a WebGL that runs on a software rasterizer (SwiftShader, llvmpipe, WARP)
   * when a later backend is on the list. Measured in headless Chromium on the tiny model:
   * a one-token trace takes 2.8 s on SwiftShader WebGL and 0.13 s on wasm.
   */
  avoidSoftwareWebgl?: boolean;
}

/**
 * WebGL flags. Half-float textures would round activations to 11 significant bits, so
 * they stay off. Shape uniforms (one compiled shader serving every tensor shape) stay off
 * too: with them, TF.js 4.22 reused a shader compiled for the one-row unembedding
 * (lastLogits) for the T-row readout of every position, and every row came out constant
 * (tests/e2e/runtime-backends.test.ts, "asked first on a fresh runtime"). Without them a
 * new prompt length compiles its own shaders. And top-k stays on the GPU: by default
 * TF.js copies any row shorter than 100,000 values (a 50,257-token vocabulary row) back
 * to the CPU for top-k, a blocking read of every block of logits the trace reads out,
 * which is what the on-backend readout exists to avoid.
 */
function configureWebgl(): void {
  tf.env().set('WEBGL_FORCE_F16_TEXTURES', false);
  tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', false);
  tf.env().set('TOPK_LAST_DIM_CPU_HANDOFF_SIZE_THRESHOLD', 0);
}

/** True when the backend just set computes in float32 (WebGL may only manage float16). */
function computesInFloat32(name: BackendName): boolean {
  if (name !== 'webgl') return true;
  return tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE') && tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

/** The renderer behind the current WebGL backend, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))". */
export function webglRenderer(): string {
  const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

async function trySetBackend(name: BackendName, options: BackendOptions, skipSoftware: boolean): Promise<boolean> {
  if (name === 'webgl') configureWebgl();
  if (name === 'wasm') {
    if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
    registerDirectWasmCopies();
    registerWasmLayerNorm();
  }
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
  } catch {
    return false;
  }
  if (!computesInFloat32(name)) return false;
  return !(name === 'webgl' && skipSoftware && SOFTWARE_RENDERER.test(webglRenderer()));
}

/**
 * Sets the first backend of `preferred` that works and returns its name.
 * Throws a one-line error when none does.
 */
export async function selectBackend(
  preferred: BackendName[] = DEFAULT_BACKENDS,
  options: BackendOptions = {},
): Promise<BackendName> {
  for (const [i, name] of preferred.entries()) {
    const skipSoftware = options.avoidSoftwareWebgl === true && i < preferred.length - 1;
    if (await trySetBackend(name, options, skipSoftware)) return name;
  }
  throw new Error(`no TF.js backend could start (tried ${preferred.join(', ')})`);
}
