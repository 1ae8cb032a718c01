import { describe, expect, it } from 'vitest';
import { parseHook } from '../../src/model/hooks';
import {
  parseTargetName,
  patchSpec,
  targetName,
  targetProblem,
  targetSpec,
  toggleTarget,
  type AblationTarget,
} from '../../src/store/experiment-targets';
import { alignedPrompts, oneToken, promptIds } from '../../src/store/experiment-inputs';

const config = { n_layer: 4, n_head: 4, n_embd: 128 };
const head: AblationTarget = { part: 'head', layer: 1, head: 2 };
const mlp: AblationTarget = { part: 'mlp', layer: 3 };
const neuron: AblationTarget = { part: 'neuron', layer: 2, neuron: 17 };

describe('experiment targets', () => {
  it('name parts as the attribution does, and read the names back', () => {
    expect([head, mlp, neuron].map(targetName)).toEqual(['L1H2', 'L3.mlp', 'L2N17']);
    for (const t of [head, mlp, neuron]) expect(parseTargetName(targetName(t))).toEqual(t);
    for (const bad of ['', 'L', 'H1', 'L1H', 'L1.attn', 'l1h2', 'L1H2x']) expect(parseTargetName(bad)).toBeNull();
  });

  it('spell each ablation as the CLI edit SPEC, on a hook the hook table knows', () => {
    expect(targetSpec(head)).toBe('blocks.1.attn.hook_z:head=2');
    expect(targetSpec(mlp)).toBe('blocks.3.hook_mlp_out');
    expect(targetSpec(neuron)).toBe('blocks.2.mlp.hook_post:neuron=17');
    for (const t of [head, mlp, neuron]) expect(() => parseHook(targetSpec(t).split(':')[0], config)).not.toThrow();
  });

  it('spell a sweep cell as one patch: a position, or a head at every position', () => {
    expect(patchSpec({ hook: 'hook_resid_pre', layer: 0, index: 4 })).toBe('blocks.0.hook_resid_pre:pos=4');
    expect(patchSpec({ hook: 'hook_mlp_out', layer: 2, index: 0 })).toBe('blocks.2.hook_mlp_out:pos=0');
    expect(patchSpec({ hook: 'attn.hook_z', layer: 3, index: 1 })).toBe('blocks.3.attn.hook_z:head=1');
  });

  it('say in one line what is out of range for the model', () => {
    expect(targetProblem(head, config)).toBeNull();
    expect(targetProblem({ part: 'head', layer: 4, head: 0 }, config)).toBe('layer 4 is out of range 0..3');
    expect(targetProblem({ part: 'head', layer: 0, head: 9 }, config)).toBe('head 9 is out of range 0..3');
    expect(targetProblem({ part: 'neuron', layer: 0, neuron: 512 }, config)).toBe('neuron 512 is out of range 0..511');
  });

  it('toggle a part on and off, keeping order and never repeating', () => {
    const one = toggleTarget([], head);
    const two = toggleTarget(one, mlp);
    expect(two).toEqual([head, mlp]);
    expect(toggleTarget(two, { part: 'head', layer: 1, head: 2 })).toEqual([mlp]);
  });
});

describe('experiment inputs', () => {
  it('want answers of exactly one token', () => {
    expect(oneToken(' Mary', 'answer')).toEqual({ ok: true, value: 5335 });
    expect(oneToken(' Mary Ann', 'answer')).toMatchObject({ ok: false, problem: { key: 'exp.problem.notOneToken' } });
    expect(oneToken('', 'answer')).toMatchObject({ ok: false, problem: { key: 'exp.problem.noToken' } });
  });

  it('want prompts of 1..n_positions tokens', () => {
    expect(promptIds('', 8, 'compare')).toMatchObject({ ok: false, problem: { key: 'exp.problem.empty' } });
    expect(promptIds('a b c d e f g h i', 8, 'compare')).toMatchObject({
      ok: false,
      problem: { key: 'exp.problem.tooLong', vars: { n: 9, max: 8 } },
    });
    expect(promptIds('a b', 8, 'compare')).toMatchObject({ ok: true });
  });

  it('want clean and corrupted prompts whose positions line up', () => {
    expect(alignedPrompts([1, 2], [3, 4]).ok).toBe(true);
    expect(alignedPrompts([1, 2], [3])).toMatchObject({ ok: false, problem: { vars: { clean: 2, corrupted: 1 } } });
  });
});
