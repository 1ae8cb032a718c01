import { describe, expect, it } from 'vitest';
import { lengthsFor, parseBenchOptions, RANDOM_GPT2 } from '../../../scripts/bench/options';

describe('parseBenchOptions', () => {
  it('runs the full grid and publishes by default', () => {
    const o = parseBenchOptions([], 'gpt2-mini-circuits', 2);
    expect(o.backends).toEqual(['webgl', 'wasm', 'cpu']);
    expect(o.models).toEqual(['gpt2-mini-circuits', RANDOM_GPT2]);
    expect(o.lengths).toEqual([16, 64, 256, 1024]);
    expect([o.runs, o.warmupSeconds, o.threads, o.peer, o.ui, o.publish]).toEqual([5, 3, 2, true, true, true]);
  });

  it('does not overwrite the published report when the grid is narrowed, unless asked', () => {
    const narrowed = parseBenchOptions(['--backends', 'wasm', '--lengths', '64,256', '--runs', '2'], 'tiny-random', 2);
    expect(narrowed.backends).toEqual(['wasm']);
    expect(narrowed.lengths).toEqual([64, 256]);
    expect(narrowed.publish).toBe(false);
    expect(parseBenchOptions(['--runs', '2', '--publish'], 'tiny-random', 2).publish).toBe(true);
    expect(parseBenchOptions(['--rerender'], 'tiny-random', 2)).toMatchObject({ rerender: true, publish: false });
  });

  it('--quick narrows to GPT-2 shape on wasm at 64 tokens, and a flag given beside it wins', () => {
    const quick = parseBenchOptions(['--quick'], 'gpt2-mini-circuits', 2);
    expect([quick.backends, quick.models, quick.lengths]).toEqual([['wasm'], [RANDOM_GPT2], [64]]);
    expect([quick.peer, quick.experiments, quick.ui, quick.publish]).toEqual([true, true, true, false]);
    expect(parseBenchOptions(['--quick', '--lengths', '16'], 'x', 2).lengths).toEqual([16]);
    expect(parseBenchOptions(['--skip-experiments'], 'x', 2).experiments).toBe(false);
  });

  it('rejects bad values with one-line messages', () => {
    expect(() => parseBenchOptions(['--backends', 'gpu'], 'x', 2)).toThrow(/unknown backend "gpu"/);
    expect(() => parseBenchOptions(['--lengths', '16,,64'], 'x', 2)).toThrow(/empty item/);
    expect(() => parseBenchOptions(['--lengths', '1'], 'x', 2)).toThrow(/whole number >= 2/);
    expect(() => parseBenchOptions(['--runs', '0'], 'x', 2)).toThrow(/--runs/);
    expect(() => parseBenchOptions(['--warmup', '-1'], 'x', 2)).toThrow(/--warmup/);
  });
});

describe('lengthsFor', () => {
  it('keeps lengths within the context', () => {
    expect(lengthsFor('wasm', 'tiny-random', [16, 64, 256], 128)).toEqual([16, 64]);
  });
  it('limits cpu and software WebGL to short prompts on GPT-2 shape, and cpu to 256 tokens on the bundled model', () => {
    const all = [16, 64, 256, 1024];
    expect(lengthsFor('wasm', RANDOM_GPT2, all, 1024)).toEqual(all);
    expect(lengthsFor('cpu', RANDOM_GPT2, all, 1024)).toEqual([16, 64]);
    expect(lengthsFor('webgl', RANDOM_GPT2, all, 1024)).toEqual([16, 64]);
    expect(lengthsFor('cpu', 'gpt2-mini-circuits', all, 1024)).toEqual([16, 64, 256]);
    expect(lengthsFor('webgl', 'gpt2-mini-circuits', all, 1024)).toEqual(all);
  });
});
