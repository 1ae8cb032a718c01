import { describe, expect, it } from 'vitest';
import type { GPT2Config } from '../../../src/model/config';
import { checkEdit, checkEdits, editSpec, parseEditSpec } from '../../../src/model/interventions/edits';

const config: GPT2Config = {
  n_layer: 2,
  n_head: 4,
  n_embd: 32,
  n_positions: 64,
  vocab_size: 100,
  layer_norm_epsilon: 1e-5,
};

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const text = (e as Error).message;
    expect(text).not.toContain('\n');
    return text;
  }
  throw new Error('expected an error');
};

describe('edit specs', () => {
  it('reads the issue examples', () => {
    expect(parseEditSpec('blocks.3.attn.hook_z:head=5', 'zero')).toEqual({
      hook: 'blocks.3.attn.hook_z',
      kind: 'zero',
      heads: [5],
    });
    expect(parseEditSpec('blocks.1.hook_mlp_out', 'mean')).toEqual({ hook: 'blocks.1.hook_mlp_out', kind: 'mean' });
    expect(parseEditSpec('blocks.2.mlp.hook_post:neuron=17', 'zero').neurons).toEqual([17]);
    expect(parseEditSpec('blocks.0.hook_resid_pre:pos=4', 'patch').positions).toEqual([4]);
    expect(parseEditSpec('blocks.0.hook_resid_pre:pos=4,5, 7', 'scale', 2)).toMatchObject({
      positions: [4, 5, 7],
      factor: 2,
    });
  });

  it('round-trips through editSpec', () => {
    const spec = 'blocks.1.attn.hook_pattern:head=0,2:pos=3';
    expect(editSpec(parseEditSpec(spec, 'zero'))).toBe(spec);
  });

  it('refuses malformed specs with the expected form', () => {
    expect(message(() => parseEditSpec(':head=1', 'zero'))).toMatch(/has no hook: expected HOOK\[:head=H\]/);
    expect(message(() => parseEditSpec('blocks.0.hook_z:layer=1', 'zero'))).toMatch(/unknown selector "layer=1"/);
    expect(message(() => parseEditSpec('blocks.0.hook_mlp_out:pos=1:pos=2', 'zero'))).toMatch(/pos= given twice/);
    expect(message(() => parseEditSpec('blocks.0.hook_mlp_out:pos=-1', 'zero'))).toMatch(/whole numbers/);
    expect(message(() => parseEditSpec('blocks.0.hook_mlp_out:pos=', 'zero'))).toMatch(/whole numbers/);
  });
});

describe('edit checks', () => {
  const T = 6;
  it('accepts every editable hook with its selectors', () => {
    expect(checkEdit({ hook: 'blocks.1.attn.hook_z', kind: 'zero', heads: [3] }, config, T)).toMatchObject({
      layer: 1,
      site: 'attn.hook_z',
    });
    expect(checkEdit({ hook: 'blocks.0.mlp.hook_post', kind: 'mean', neurons: [127] }, config, T).site).toBe(
      'mlp.hook_post',
    );
  });

  it('names the problem and the valid range', () => {
    const bad = (e: object, source?: number) => message(() => checkEdit(e as never, config, T, source));
    expect(bad({ hook: 'blocks.2.hook_mlp_out', kind: 'zero' })).toBe(
      'hook "blocks.2.hook_mlp_out": layer 2 is out of range 0..1',
    );
    expect(bad({ hook: 'blocks.0.hook_nope', kind: 'zero' })).toMatch(/^unknown hook "blocks.0.hook_nope"/);
    expect(bad({ hook: 'hook_embed', kind: 'zero' })).toMatch(/cannot be edited: editable hooks are blocks.L.</);
    expect(bad({ hook: 'blocks.0.attn.hook_z', kind: 'zero', heads: [4] })).toBe(
      'blocks.0.attn.hook_z: head 4 is out of range 0..3',
    );
    expect(bad({ hook: 'blocks.0.mlp.hook_post', kind: 'zero', neurons: [128] })).toBe(
      'blocks.0.mlp.hook_post: neuron 128 is out of range 0..127',
    );
    expect(bad({ hook: 'blocks.0.hook_resid_mid', kind: 'zero', positions: [6] })).toBe(
      'blocks.0.hook_resid_mid: position 6 is out of range 0..5 (the prompt has 6 tokens)',
    );
    expect(bad({ hook: 'blocks.0.hook_resid_mid', kind: 'zero', heads: [0] })).toMatch(/head= applies only/);
    expect(bad({ hook: 'blocks.0.attn.hook_z', kind: 'zero', neurons: [0] })).toMatch(/neuron= applies only/);
    expect(bad({ hook: 'blocks.0.hook_mlp_out', kind: 'scale' })).toMatch(/needs a finite factor/);
    expect(bad({ hook: 'blocks.0.hook_mlp_out', kind: 'drop' })).toMatch(/unknown edit kind "drop"/);
    expect(bad({ hook: 'blocks.0.hook_mlp_out', kind: 'zero', positions: [] })).toMatch(/position list is empty/);
  });

  it('checks patch sources: present, not empty, long enough, or the same length', () => {
    const patch = (positions?: number[]) => ({ hook: 'blocks.0.hook_mlp_out', kind: 'patch', positions }) as const;
    expect(message(() => checkEdit(patch(), config, T))).toMatch(/needs a source prompt/);
    expect(message(() => checkEdits([patch([0])], config, T, []))).toBe('the patch source prompt is empty');
    expect(message(() => checkEdit(patch([1, 4]), config, T, 3))).toBe(
      "blocks.0.hook_mlp_out: position 4 is beyond the patch source's 3 tokens (0..2)",
    );
    expect(message(() => checkEdit(patch(), config, T, 3))).toMatch(/the prompt has 6 tokens and the patch source 3/);
    expect(checkEdit(patch(), config, T, 6).kind).toBe('patch');
    expect(checkEdit(patch([0, 2]), config, T, 3).positions).toEqual([0, 2]);
  });
});
