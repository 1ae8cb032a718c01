/**
 * Fidelity of the interventions: edited runs, direct logit attribution, head scores, the
 * induction probe and patching sweeps (cpu backend, float16 weights of weights/tiny-random)
 * against the same edits made with PyTorch hooks on Hugging Face transformers
 * (tests/fixtures/golden/interventions.*, written by tools/golden_interventions.py from the
 * cases of tools/golden-intervention-cases.ts).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import type { Edit } from '../../src/model/interventions/edits';
import type { SweepHook } from '../../src/model/interventions/patching-sweep';
import { dirSource } from '../../src/node/node-source';
import { createRuntime } from '../../src/model/runtime';
import type { GPT2Runtime, TraceSummary } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';

const DIR = 'tests/fixtures/golden';
/** The bounds. */
const LOGITS = 2e-3;
const ATTRIBUTION = 2e-3;
const HEAD_SCORES = 1e-4;
const SWEEP = 2e-3;

interface Cases {
  prompts: Record<string, { text: string; ids: number[] }>;
  edits: { name: string; prompt: string; edits: Edit[]; patchFrom?: string }[];
  attributions: { name: string; prompt?: string; edit?: string; target: number; against?: number; position?: number }[];
  headScores: string[];
  probe: { length: number; seed: number; ids: number[] };
  sweeps: { hook: SweepHook; clean: string; corrupted: string; answer: number; against: number }[];
}
type Slice = { offset: number; length: number };
type Grid = number[][];
interface Results {
  edits: Record<string, { last_logits: Slice; next_logprobs: Slice }>;
  attributions: Record<string, { logit: number; position: number; components: Record<string, number> }>;
  headScores: Record<string, { previousToken: Grid; duplicateToken: Grid; induction: Grid }>;
  probe: { induction: Grid; lossFirstCopy: number; lossSecondCopy: number };
  sweeps: Record<string, { values: Grid; cleanDiff: number; corruptedDiff: number }>;
}

const cases = JSON.parse(readFileSync(`${DIR}/interventions-cases.json`, 'utf8')) as Cases;
const results = JSON.parse(readFileSync(`${DIR}/interventions.json`, 'utf8')) as Results;
const blob = new Float32Array(new Uint8Array(readFileSync(`${DIR}/interventions.bin`)).buffer);
const slice = (s: Slice) => blob.subarray(s.offset, s.offset + s.length);

const worst = new Map<string, { error: number; limit: number; at: string }>();

/** Records the worst absolute error of a kind of result and fails beyond its limit. */
function check(kind: string, at: string, actual: ArrayLike<number>, expected: ArrayLike<number>, limit: number): void {
  expect(actual.length, `${kind} ${at}: length`).toBe(expected.length);
  let error = 0;
  for (let i = 0; i < expected.length; i++) error = Math.max(error, Math.abs(actual[i] - expected[i]));
  expect(Number.isFinite(error), `${kind} ${at}: finite`).toBe(true);
  const prev = worst.get(kind);
  if (prev === undefined || error > prev.error) worst.set(kind, { error, limit, at });
  expect(error, `${kind} at ${at}`).toBeLessThanOrEqual(limit);
}

const flat = (g: Grid) => g.flat();
const ids = (name: string) => cases.prompts[name].ids;

describe('interventions against PyTorch hooks on transformers (cpu backend)', () => {
  let runtime: GPT2Runtime;
  const runs = new Map<string, TraceSummary>();

  beforeAll(async () => {
    await selectBackend(['cpu']);
    const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
    runtime = await createRuntime(config, tensors);
  });

  afterAll(() => {
    runtime?.dispose();
    console.log('Worst absolute error per kind, runtime vs PyTorch hooks:');
    console.table(
      [...worst].map(([kind, w]) => ({
        kind,
        'worst error': Number(w.error.toExponential(2)),
        limit: w.limit,
        at: w.at,
      })),
    );
  });

  it('covers every edit kind and every editable hook', () => {
    const all = cases.edits.flatMap((c) => c.edits);
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['zero', 'mean', 'scale', 'patch']));
    const sites = new Set(all.map((e) => e.hook.replace(/^blocks\.\d+\./, '')));
    for (const site of ['hook_resid_pre', 'attn.hook_pattern', 'attn.hook_z', 'hook_attn_out', 'hook_resid_mid'])
      expect(sites).toContain(site);
    for (const site of ['mlp.hook_post', 'hook_mlp_out', 'hook_resid_post']) expect(sites).toContain(site);
    expect(cases.edits.some((c) => c.edits.length > 1)).toBe(true);
  });

  for (const c of cases.edits) {
    it(`edited run: ${c.name}`, { timeout: 120_000 }, async () => {
      const patchFrom = c.patchFrom === undefined ? undefined : ids(c.patchFrom);
      const plain = await runtime.trace(ids(c.prompt), { predictions: false });
      const want = results.edits[c.name];
      // From the embeddings, and from the held clean trace as the page runs it.
      for (const clean of [undefined, plain]) {
        const how = clean ? `${c.name}, from the held trace` : c.name;
        const edited = await runtime.run(ids(c.prompt), c.edits, { patchFrom, clean });
        check('edited last logits', how, edited.lastLogits, slice(want.last_logits), LOGITS);
        const next = edited.predictions.slice(0, -1).map((p) => p.nextLogprob as number);
        check('edited next-token log p', how, next, slice(want.next_logprobs), LOGITS);
        if (!clean) runs.set(c.name, edited);
      }
      const run = runs.get(c.name)!;
      // The unedited logits differ from the edited ones: the edit did something.
      let moved = 0;
      for (let i = 0; i < plain.lastLogits.length; i++)
        moved = Math.max(moved, Math.abs(plain.lastLogits[i] - run.lastLogits[i]));
      expect(moved, `${c.name} changes the logits`).toBeGreaterThan(10 * LOGITS);
    });
  }

  for (const c of cases.attributions) {
    it(`attribution: ${c.name}`, { timeout: 120_000 }, async () => {
      const summary = c.edit !== undefined ? runs.get(c.edit) : await runtime.trace(ids(c.prompt as string));
      expect(summary, 'the edited run it explains').toBeDefined();
      const got = await runtime.attribute(summary as TraceSummary, c);
      const want = results.attributions[c.name];
      expect(got.position).toBe(want.position);
      expect(Object.keys(got.components)).toEqual(Object.keys(want.components));
      check(
        'attribution component',
        c.name,
        Object.values(got.components),
        Object.values(want.components),
        ATTRIBUTION,
      );
      check('attribution logit', c.name, [got.logit], [want.logit], ATTRIBUTION);
      const sum = Object.values(got.components).reduce((a, b) => a + b, 0);
      check('attribution sum vs logit', c.name, [sum], [got.logit], ATTRIBUTION);
      expect(got.residualError).toBeCloseTo(got.logit - sum, 9);
    });
  }

  for (const name of cases.headScores) {
    it(`head scores: ${name}`, async () => {
      const got = await runtime.headScores(await runtime.trace(ids(name), { predictions: false }));
      const want = results.headScores[name];
      for (const kind of ['previousToken', 'duplicateToken', 'induction'] as const)
        check('head score', `${name} ${kind}`, flat(got[kind]), flat(want[kind]), HEAD_SCORES);
    });
  }

  it('induction probe', { timeout: 120_000 }, async () => {
    const { length, seed } = cases.probe;
    const got = await runtime.inductionProbe({ length, seed });
    expect(got.tokenIds).toEqual(cases.probe.ids);
    check('probe induction score', `length ${length}`, flat(got.induction), flat(results.probe.induction), HEAD_SCORES);
    check(
      'probe loss',
      'first and second copy',
      [got.lossFirstCopy, got.lossSecondCopy],
      [results.probe.lossFirstCopy, results.probe.lossSecondCopy],
      LOGITS,
    );
  });

  for (const c of cases.sweeps) {
    it(`patching sweep: ${c.hook}`, { timeout: 120_000 }, async () => {
      const got = await runtime.patchingSweep({ ...c, clean: ids(c.clean), corrupted: ids(c.corrupted) });
      const want = results.sweeps[c.hook];
      check(
        'sweep logit difference',
        c.hook,
        [got.cleanDiff, got.corruptedDiff],
        [want.cleanDiff, want.corruptedDiff],
        LOGITS,
      );
      check('sweep cell', c.hook, flat(got.values), flat(want.values), SWEEP);
    });
  }
});
