/**
 * Noticing that TF.js's WebGL backend lost its context (GPU reset, driver update, the
 * browser reclaiming contexts). TF.js does not recover from that: its GPGPU context keeps
 * the lost WebGL context, whose calls all become no-ops, so every texture (the model's
 * weights included) is gone, reads give wrong numbers or never complete, and no error is
 * raised outside debug mode. Only a fresh worker, which makes a new context and uploads
 * the weights again, can go on.
 */
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import * as tf from '@tensorflow/tfjs-core';

const watched = new WeakSet<object>();

function currentGl(): WebGLRenderingContext | null {
  return tf.getBackend() === 'webgl' ? (tf.backend() as MathBackendWebGL).gpgpu.gl : null;
}

/** True when the current backend is WebGL and its context is lost (known at once, before the event). */
export function webglContextLost(): boolean {
  return currentGl()?.isContextLost() ?? false;
}

/** Calls onLost when the current WebGL backend's context is lost; once per context, a no-op on other backends. */
export function watchWebglContext(onLost: () => void): void {
  const canvas = currentGl()?.canvas;
  if (!canvas || watched.has(canvas)) return;
  watched.add(canvas);
  canvas.addEventListener('webglcontextlost', onLost);
}
