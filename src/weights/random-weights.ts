/**
 * Random GPT-2 weights at GPT-2's own initial scales (as Hugging Face initialises
 * GPT2LMHeadModel): N(0, 0.02) for embeddings and matrices, N(0, 0.02 / sqrt(2 n_layer))
 * for the projections that write into the residual stream, zero biases, LayerNorm gain 1.
 * Seeded, so the same seed gives the same model. For memory tests and benchmarks: the
 * numbers are real GPT-2 shapes and magnitudes, the model has learned nothing.
 */
import { createRng, type Rng } from '../sampling/rng';
import type { GPT2Config } from '../model/config';
import { float32ToFloat16 } from './fp16';
import type { FillTensor } from './pack-weights';
import { elementCount } from './safetensors';

export const INIT_STD = 0.02;

/** Standard normal samples from a uniform generator (Box-Muller, both values used). */
export function normalSampler(rng: Rng): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - rng(); // in (0, 1], so the log is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * rng();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** The initial value scale of a GPT-2 tensor: 0 for biases, null for LayerNorm gains (all 1). */
export function initStd(name: string, config: GPT2Config): number | null {
  if (/\.ln_\d\.weight$|^ln_f\.weight$/.test(name)) return null;
  if (name.endsWith('.bias')) return 0;
  if (name.endsWith('c_proj.weight')) return INIT_STD / Math.sqrt(2 * config.n_layer);
  return INIT_STD;
}

/** A FillTensor that writes seeded random GPT-2 weights as float16. */
export function randomGpt2Fill(config: GPT2Config, seed: number): FillTensor {
  const normal = normalSampler(createRng(seed));
  return (name, shape, out) => {
    const std = initStd(name, config);
    const values = new Float32Array(elementCount(shape));
    if (std === null) values.fill(1);
    else if (std > 0) for (let i = 0; i < values.length; i++) values[i] = normal() * std;
    float32ToFloat16(values, out);
  };
}
