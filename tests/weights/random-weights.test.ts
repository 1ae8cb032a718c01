import { describe, expect, it } from 'vitest';
import { float16ToFloat32 } from '../../src/weights/fp16';
import { initStd, normalSampler, randomGpt2Fill } from '../../src/weights/random-weights';
import { createRng } from '../../src/sampling/rng';
import { SMALL_CONFIG } from './checkpoint-builder';

const GPT2_SMALL = {
  n_layer: 12,
  n_head: 12,
  n_embd: 768,
  n_positions: 1024,
  vocab_size: 50257,
  layer_norm_epsilon: 1e-5,
};

describe('random GPT-2 weights', () => {
  it('use GPT-2 initial scales per tensor', () => {
    expect(initStd('wte.weight', GPT2_SMALL)).toBe(0.02);
    expect(initStd('h.3.attn.c_attn.weight', GPT2_SMALL)).toBe(0.02);
    expect(initStd('h.3.attn.c_proj.weight', GPT2_SMALL)).toBeCloseTo(0.02 / Math.sqrt(24), 12);
    expect(initStd('h.3.mlp.c_proj.weight', GPT2_SMALL)).toBeCloseTo(0.02 / Math.sqrt(24), 12);
    expect(initStd('h.3.mlp.c_fc.bias', GPT2_SMALL)).toBe(0);
    expect(initStd('h.3.ln_1.weight', GPT2_SMALL)).toBeNull();
    expect(initStd('ln_f.weight', GPT2_SMALL)).toBeNull();
    expect(initStd('ln_f.bias', GPT2_SMALL)).toBe(0);
  });

  it('draw standard normals', () => {
    const normal = normalSampler(createRng(5));
    const xs = Array.from({ length: 100000 }, normal);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(xs.filter((x) => Math.abs(x) > 1.96).length / xs.length).toBeCloseTo(0.05, 2);
  });

  it('are the same for the same seed and differ for another', () => {
    const fill = (seed: number) => {
      const out = new Uint16Array(8 * 24);
      randomGpt2Fill(SMALL_CONFIG, seed)('h.0.attn.c_attn.weight', [8, 24], out);
      return out;
    };
    expect(fill(3)).toEqual(fill(3));
    expect(fill(3)).not.toEqual(fill(4));
    const values = float16ToFloat32(fill(3));
    const std = Math.sqrt(values.reduce((a, b) => a + b * b, 0) / values.length);
    expect(std).toBeGreaterThan(0.015);
    expect(std).toBeLessThan(0.025);
  });
});
