import { describe, expect, it } from 'vitest';
import { allHooks, hookInfo, hookShape, parseHook } from '../../src/model/hooks';

const config = { n_layer: 2, n_head: 4, n_embd: 64, n_positions: 128, vocab_size: 50257, layer_norm_epsilon: 1e-5 };

/**
 * TransformerLens's HookedTransformer hook names for a 2-layer GPT-2-style model (standard
 * LayerNorm, no rotary, no split q/k/v input), as `model.hook_dict.keys()` lists them, less the
 * hooks this runtime does not compute (hook_result, hook_q_input and the like, which TL only
 * fills when asked). "logits" is not a TL hook but the model's output, which TL returns.
 */
const transformerLens = [
  'hook_embed',
  'hook_pos_embed',
  ...[0, 1].flatMap((l) =>
    [
      'hook_resid_pre',
      'ln1.hook_scale',
      'ln1.hook_normalized',
      'attn.hook_q',
      'attn.hook_k',
      'attn.hook_v',
      'attn.hook_attn_scores',
      'attn.hook_pattern',
      'attn.hook_z',
      'hook_attn_out',
      'hook_resid_mid',
      'ln2.hook_scale',
      'ln2.hook_normalized',
      'mlp.hook_pre',
      'mlp.hook_post',
      'hook_mlp_out',
      'hook_resid_post',
    ].map((h) => `blocks.${l}.${h}`),
  ),
  'ln_final.hook_scale',
  'ln_final.hook_normalized',
  'logits',
];

describe('hook points', () => {
  it('are exactly TransformerLens names, in forward order', () => {
    expect(allHooks(config)).toEqual(transformerLens);
  });

  it('each has a meaning and a shape', () => {
    for (const name of allHooks(config)) {
      const parsed = parseHook(name, config);
      expect(hookInfo(parsed.hook).meaning.length).toBeGreaterThan(10);
    }
    expect(hookShape('attn.hook_pattern', config as never, 7)).toEqual([4, 7, 7]);
    expect(hookShape('mlp.hook_post', config as never, 7)).toEqual([7, 256]);
    expect(hookShape('attn.hook_z', config as never, 7)).toEqual([4, 7, 16]);
    expect(hookShape('logits', config as never, 3)).toEqual([3, 50257]);
  });

  it('parse names and refuse unknown ones or layers out of range in one line', () => {
    expect(parseHook('blocks.1.attn.hook_z', config)).toEqual({ layer: 1, hook: 'attn.hook_z' });
    expect(parseHook('ln_final.hook_normalized', config)).toEqual({ layer: null, hook: 'ln_final.hook_normalized' });
    expect(() => parseHook('blocks.2.hook_mlp_out', config)).toThrow('layer 2 is out of range 0..1');
    expect(() => parseHook('blocks.0.attn.hook_result', config)).toThrow(/unknown hook "blocks.0.attn.hook_result"/);
    expect(() => parseHook('blocks.0.hook_mlp', config)).toThrow(/unknown hook/);
    for (const msg of ['blocks.9.hook_mlp_out', 'nonsense']) {
      try {
        parseHook(msg, config);
      } catch (e) {
        expect(String((e as Error).message)).not.toContain('\n');
      }
    }
  });
});
