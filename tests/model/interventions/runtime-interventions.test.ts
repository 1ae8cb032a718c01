/**
 * The interventions' behaviour on the wasm backend: an edited run's views agree with each
 * other, the incremental sweep agrees with one edited re-run per cell, nothing leaks (also
 * on errors and cancellation), bad input gets one line. Fidelity to PyTorch is
 * golden-interventions.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend';
import type { Edit } from '../../../src/model/interventions/edits';
import { COMMON_TOKENS, type ProbeTokens } from '../../../src/model/interventions/induction-probe';
import { SWEEP_HOOKS } from '../../../src/model/interventions/patching-sweep';
import { dirSource } from '../../../src/node/node-source';
import { nodeWasmPaths } from '../../../src/node/node-wasm';
import { createRuntime } from '../../../src/model/runtime';
import { logitLensOf } from '../../../src/model/logit-lens';
import type { GPT2Runtime } from '../../../src/model/types';
import { loadWeights } from '../../../src/weights/weights';
import { encodeToIds } from '../../../src/tokenizer';
import { failure as oneLineFailure, leavesNoTensors, maxDiff } from '../tensor-checks';

const CLEAN = encodeToIds('When Mary and John went to the store, John gave a drink to');
const CORRUPTED = encodeToIds('When Mary and John went to the store, Mary gave a drink to');
const [MARY, JOHN] = [encodeToIds(' Mary')[0], encodeToIds(' John')[0]];

let runtime: GPT2Runtime;

/** The one-line message of a rejected call, which must also leave no tensor behind. */
const failure = (fn: () => Promise<unknown>) => leavesNoTensors(() => oneLineFailure(fn()));

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  runtime = await createRuntime(config, tensors);
});

afterAll(() => runtime?.dispose());

describe('edited runs', () => {
  it('with no edits is the plain trace, bit for bit', async () => {
    const plain = await runtime.trace(CLEAN);
    const run = await leavesNoTensors(() => runtime.run(CLEAN, []));
    expect(run.lastLogits).toEqual(plain.lastLogits);
    expect(run.edits).toEqual({ edits: [] });
  });

  it("recomputes blocks and attention with the run's edits", async () => {
    const edits: Edit[] = [
      { hook: 'blocks.0.attn.hook_z', kind: 'zero', heads: [1] },
      { hook: 'blocks.1.attn.hook_pattern', kind: 'patch', heads: [0], positions: [2, 3] },
    ];
    const run = await leavesNoTensors(() => runtime.run(CLEAN, edits, { patchFrom: CORRUPTED }));
    const T = CLEAN.length;
    const D = runtime.config.n_embd / runtime.config.n_head;
    const b0 = await leavesNoTensors(() => runtime.block(run, 0));
    expect(b0.residPost.data).toEqual(run.resid[1].data);
    expect(b0.z.data.subarray(T * D, 2 * T * D).every((v) => v === 0)).toBe(true);
    const b1 = await leavesNoTensors(() => runtime.block(run, 1));
    expect(b1.residPost.data).toEqual(run.resid[2].data);
    // The patched pattern rows are the source run's rows.
    const source = await runtime.block(await runtime.trace(CORRUPTED), 1);
    const row = (p: Float32Array, q: number) => Array.from(p.subarray(q * T, (q + 1) * T));
    expect(row(b1.pattern.data, 2)).toEqual(row(source.pattern.data, 2));
    expect(row(b1.pattern.data, 4)).not.toEqual(row(source.pattern.data, 4));
    // tokenAttention reads the same edited pattern.
    const att = await leavesNoTensors(() => runtime.tokenAttention(run, 3));
    expect(maxDiff(att.from[1][0], row(b1.pattern.data, 3))).toBeLessThan(1e-6);
    const lens = await leavesNoTensors(() => logitLensOf(runtime, run));
    expect(lens).toHaveLength(runtime.config.n_layer + 1);
  });

  it('started from a held clean trace, is the same run, bit for bit', async () => {
    const held = await runtime.trace(CLEAN, { predictions: false });
    const cases: { edits: Edit[]; patchFrom?: number[] }[] = [
      { edits: [{ hook: 'blocks.1.attn.hook_z', kind: 'zero', heads: [0] }] },
      { edits: [{ hook: 'blocks.1.hook_resid_pre', kind: 'patch', positions: [4] }], patchFrom: CORRUPTED },
      { edits: [{ hook: 'blocks.0.mlp.hook_post', kind: 'mean' }] },
      { edits: [] },
    ];
    for (const { edits, patchFrom } of cases) {
      const whole = await runtime.run(CLEAN, edits, { patchFrom });
      const resumed = await leavesNoTensors(() => runtime.run(CLEAN, edits, { patchFrom, clean: held }));
      expect(resumed).toEqual(whole);
      // Nothing is shared with the held trace: a summary's buffers may be transferred away.
      expect(resumed.resid.some((r, l) => r.data.buffer === held.resid[l].data.buffer)).toBe(false);
      expect(resumed.embed.data.buffer).not.toBe(held.embed.data.buffer);
    }
    // The layer-1 edit left block 0 as the held trace has it and changed what follows.
    const ablated = await runtime.run(CLEAN, cases[0].edits, { clean: held });
    expect(ablated.resid[1].data).toEqual(held.resid[1].data);
    expect(maxDiff(ablated.lastLogits, held.lastLogits)).toBeGreaterThan(1e-3);
  });

  it('refuses a held trace of another prompt or of an edited run', async () => {
    const edits: Edit[] = [{ hook: 'blocks.1.attn.hook_z', kind: 'zero', heads: [0] }];
    const other = await runtime.trace(CORRUPTED, { predictions: false });
    expect(await failure(() => runtime.run(CLEAN, edits, { clean: other }))).toBe(
      'the clean trace to start from is of another prompt',
    );
    const edited = await runtime.run(CLEAN, edits);
    expect(await failure(() => runtime.run(CLEAN, edits, { clean: edited }))).toBe(
      'the clean trace to start from is itself an edited run',
    );
  });

  it('refuses bad edits with one line and runs nothing', async () => {
    const run = (edits: Edit[], patchFrom?: number[]) => failure(() => runtime.run(CLEAN, edits, { patchFrom }));
    expect(await run([{ hook: 'blocks.5.hook_mlp_out', kind: 'zero' }])).toMatch(/layer 5 is out of range 0..1/);
    expect(await run([{ hook: 'blocks.0.hook_mlp_out', kind: 'patch' }], [464])).toMatch(/give positions/);
    expect(await run([{ hook: 'blocks.0.hook_mlp_out', kind: 'patch', positions: [0] }], [])).toBe(
      'the patch source prompt is empty',
    );
  });
});

describe('attribution, head scores and the probe', () => {
  it('attribution components sum to the logit difference of the run', async () => {
    const s = await runtime.trace(CLEAN);
    const a = await leavesNoTensors(() => runtime.attribute(s, { target: MARY, against: JOHN }));
    const T = CLEAN.length;
    expect(a.position).toBe(T - 1);
    expect(a.logit).toBeCloseTo(s.lastLogits[MARY] - s.lastLogits[JOHN], 4);
    expect(Math.abs(a.residualError)).toBeLessThan(1e-4);
    expect(Object.keys(a.components)).toHaveLength(2 + 2 * (2 + 2) + 1);
    expect(await failure(() => runtime.attribute(s, { target: MARY, against: MARY }))).toMatch(/target itself/);
    expect(await failure(() => runtime.attribute(s, { target: MARY, position: T }))).toMatch(/out of range/);
    expect(await failure(() => runtime.attribute(s, { target: 60000 }))).toMatch(/not in the vocabulary/);
  });

  it('head scores are shares of attention in [0, 1]', async () => {
    const s = await runtime.trace(encodeToIds('a b a b a b a b'), { predictions: false });
    const scores = await leavesNoTensors(() => runtime.headScores(s));
    for (const grid of Object.values(scores)) for (const v of grid.flat()) expect(v >= 0 && v <= 1).toBe(true);
    const one = await runtime.trace([464], { predictions: false });
    expect(await failure(() => runtime.headScores(one))).toMatch(/at least 2 tokens/);
  });

  it("the probe's common tokens are GPT-2's first 5,000 merges; by default it draws from every token", async () => {
    const common = await runtime.inductionProbe({ length: 60, seed: 5, tokens: 'common' });
    expect(common.tokens).toBe('common');
    const drawn = common.tokenIds.slice(1);
    expect(drawn.every((id) => id >= 256 && id < 256 + COMMON_TOKENS)).toBe(true);
    const any = await runtime.inductionProbe({ length: 60, seed: 5 });
    expect(any.tokens).toBe('any');
    expect(any.tokenIds.slice(1).some((id) => id >= 256 + COMMON_TOKENS)).toBe(true);
    const bad = { length: 8, seed: 1, tokens: 'rare' as ProbeTokens };
    expect(await failure(() => runtime.inductionProbe(bad))).toBe('probe tokens "rare" are not one of common, any');
  });

  it('the probe repeats seeded random tokens and refuses bad lengths', async () => {
    const probe = await leavesNoTensors(() => runtime.inductionProbe({ length: 8, seed: 3 }));
    expect(probe.tokenIds).toHaveLength(17);
    expect(probe.tokenIds.slice(1, 9)).toEqual(probe.tokenIds.slice(9));
    expect((await runtime.inductionProbe({ length: 8, seed: 3 })).tokenIds).toEqual(probe.tokenIds);
    expect((await runtime.inductionProbe({ length: 8, seed: 4 })).tokenIds).not.toEqual(probe.tokenIds);
    expect(probe.lossFirstCopy).toBeGreaterThan(0);
    expect(await failure(() => runtime.inductionProbe({ length: 64, seed: 1 }))).toBe(
      'probe length 64 is out of range 2..63 (2 x length + 1 tokens must fit the context)',
    );
  });
});

describe('patching sweeps', () => {
  for (const hook of SWEEP_HOOKS) {
    it(`${hook}: every cell equals an edited re-run of the corrupted prompt`, async () => {
      const sweep = await leavesNoTensors(() =>
        runtime.patchingSweep({ clean: CLEAN, corrupted: CORRUPTED, answer: MARY, against: JOHN, hook }),
      );
      const cols = hook === 'attn.hook_z' ? runtime.config.n_head : CLEAN.length;
      expect(sweep.values.map((r) => r.length)).toEqual([cols, cols]);
      let worst = 0;
      for (let l = 0; l < runtime.config.n_layer; l++) {
        for (let c = 0; c < cols; c++) {
          const select = hook === 'attn.hook_z' ? { heads: [c] } : { positions: [c] };
          const edit: Edit = { hook: `blocks.${l}.${hook}`, kind: 'patch', ...select };
          const run = await runtime.run(CORRUPTED, [edit], { patchFrom: CLEAN, predictions: false });
          const diff = run.lastLogits[MARY] - run.lastLogits[JOHN];
          const recovered = (diff - sweep.corruptedDiff) / (sweep.cleanDiff - sweep.corruptedDiff);
          worst = Math.max(worst, Math.abs(recovered - sweep.values[l][c]));
        }
      }
      expect(worst).toBeLessThan(1e-3);
    });
  }

  it('at block 0 only the position where the prompts differ matters, and it recovers everything', async () => {
    const sweep = await runtime.patchingSweep({
      clean: CLEAN,
      corrupted: CORRUPTED,
      answer: MARY,
      against: JOHN,
      hook: 'hook_resid_pre',
    });
    // The prompts differ only at position 9 (" John" / " Mary"); block 0's input is the embeddings.
    const differ = CLEAN.map((id, p) => (id === CORRUPTED[p] ? 0 : 1));
    expect(differ.indexOf(1)).toBe(9);
    sweep.values[0].forEach((v, p) => expect(v).toBeCloseTo(differ[p], 4));
  });

  it('stops when cancelled, leaving no tensor', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const request = {
      clean: CLEAN,
      corrupted: CORRUPTED,
      answer: MARY,
      against: JOHN,
      hook: 'hook_resid_pre',
    } as const;
    const message = await failure(() =>
      runtime.patchingSweep(request, {
        signal: controller.signal,
        onProgress: (done) => {
          progress.push(done);
          controller.abort();
        },
      }),
    );
    expect(message).toBe('the patching sweep was cancelled');
    expect(progress).toHaveLength(1);
  });

  it('reports progress inside a batch, block by block, up to the total', async () => {
    const reports: [number, number][] = [];
    await runtime.patchingSweep(
      { clean: CLEAN, corrupted: CORRUPTED, answer: MARY, against: JOHN, hook: 'hook_resid_pre' },
      { onProgress: (done, total) => reports.push([done, total]) },
    );
    const total = runtime.config.n_layer * CLEAN.length;
    expect(reports.every(([, t]) => t === total)).toBe(true);
    const done = reports.map(([d]) => d);
    // One report after each block of the two prompts' runs. The cells before position 9,
    // where the prompts first differ, and block 0's cells after it (the same tokens there)
    // are done without running; then the layer-0 batch's one cell counts in part: a third
    // once its rows are built, two thirds after its first block (of the model's 2), then all.
    const runs = 2 * runtime.config.n_layer;
    expect(done.slice(0, runs)).toEqual(Array(runs).fill(0));
    const skipped = runtime.config.n_layer * 9 + (CLEAN.length - 10);
    const thirds = [1, 2, 3].map((k) => skipped + k / 3);
    done.slice(runs, runs + 3).forEach((d, i) => expect(d).toBeCloseTo(thirds[i], 9));
    expect([...done].sort((a, b) => a - b)).toEqual(done);
    expect(done.at(-1)).toBe(total);
  });

  it('refuses bad requests with one line', async () => {
    const base = { clean: CLEAN, corrupted: CORRUPTED, answer: MARY, against: JOHN, hook: 'hook_mlp_out' } as const;
    expect(await failure(() => runtime.patchingSweep({ ...base, corrupted: CORRUPTED.slice(1) }))).toMatch(
      /same number of tokens \(clean 14, corrupted 13\)/,
    );
    expect(await failure(() => runtime.patchingSweep({ ...base, against: MARY }))).toMatch(/are the same/);
    expect(await failure(() => runtime.patchingSweep({ ...base, hook: 'hook_resid_mid' as never }))).toMatch(
      /cannot sweep "hook_resid_mid"/,
    );
    expect(await failure(() => runtime.patchingSweep({ ...base, corrupted: CLEAN }))).toMatch(/nothing to recover/);
  });
});
