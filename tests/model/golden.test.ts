/**
 * Fidelity: every traced stage of the runtime (cpu backend, float16 weights of
 * weights/tiny-random) against Hugging Face transformers' activations for the same
 * weights (tests/fixtures/golden, written by tools/golden.py).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { createRuntime } from '../../src/model/runtime';
import { logitLensOf, type LogitLens } from '../../src/model/logit-lens';
import type { BlockTrace, GPT2Runtime, TokenScore, TraceSummary } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';
import { type GoldenArray, type GoldenPrompt, readGolden } from './golden-data';

/** Tolerances: residual-like activations relative to their largest value, the rest absolute. */
const REL = 1e-4;
const PATTERN = 1e-5;
const LOGITS = 2e-3;

type Metric = 'relative' | 'absolute';
interface Worst {
  error: number;
  limit: number;
  metric: Metric;
  where: string;
}

const worst = new Map<string, Worst>();

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Records the error of one stage for the table, and fails when it exceeds the limit. */
function check(
  stage: string,
  where: string,
  actual: ArrayLike<number>,
  expected: GoldenArray | ArrayLike<number>,
  metric: Metric,
  limit: number,
): void {
  const want = 'data' in expected ? expected.data : expected;
  expect(actual.length, `${stage} ${where}: length`).toBe(want.length);
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(actual[i] - want[i]));
  const error = metric === 'relative' ? diff / maxAbs(want) : diff;
  const prev = worst.get(stage);
  if (prev === undefined || error > prev.error) worst.set(stage, { error, limit, metric, where });
  expect(error, `${stage} at ${where}`).toBeLessThanOrEqual(limit);
}

/**
 * The runtime's top tokens against the reference's: the logits of rank i agree, and so
 * do the ids, except where the reference's own neighbouring logits are closer than the
 * tolerance (a near-tie two float32 implementations may order either way).
 */
function checkTop(
  stage: string,
  where: string,
  top: TokenScore[],
  ids: ArrayLike<number>,
  logits?: ArrayLike<number>,
): void {
  expect(top.length, `${stage} ${where}: k`).toBe(ids.length);
  top.forEach((t, i) => {
    if (t.id === ids[i]) return;
    const tied =
      logits !== undefined &&
      [i - 1, i + 1].some((j) => j >= 0 && j < ids.length && Math.abs(logits[j] - logits[i]) < LOGITS);
    expect(tied, `${stage} ${where}: rank ${i} is token ${t.id}, reference has ${ids[i]}`).toBe(true);
  });
  if (logits !== undefined)
    check(
      stage,
      where,
      top.map((t) => t.logit),
      logits,
      'absolute',
      LOGITS,
    );
}

const rows = (g: GoldenArray, r: number) => g.data.subarray(r * g.shape[1], (r + 1) * g.shape[1]);

/** q . k (and scaled by 1/sqrt(d_head)) from the reference's q and k, in float64. */
function referenceScores(q: GoldenArray, k: GoldenArray): { raw: Float64Array; scaled: Float64Array } {
  const [H, T, D] = q.shape;
  const raw = new Float64Array(H * T * T);
  for (let h = 0; h < H; h++)
    for (let i = 0; i < T; i++)
      for (let j = 0; j < T; j++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += q.data[(h * T + i) * D + d] * k.data[(h * T + j) * D + d];
        raw[(h * T + i) * T + j] = s;
      }
  return { raw, scaled: raw.map((s) => s / Math.sqrt(D)) };
}

function checkBlock(p: GoldenPrompt, b: BlockTrace): void {
  const pre = `blocks.${b.layer}.`;
  const g = (name: string) => p.get(pre + name);
  const where = `${p.name}, layer ${b.layer}`;
  for (const site of ['ln1', 'ln2'] as const) {
    check(`${site}.mean`, where, b[site].mean, g(`${site}.mean`), 'relative', REL);
    check(`${site}.std`, where, b[site].std, g(`${site}.std`), 'relative', REL);
    check(`${site}.normalized`, where, b[site].normalized.data, g(`${site}.normalized`), 'relative', REL);
    check(`${site}.out`, where, b[site].out.data, g(`${site}.out`), 'relative', REL);
  }
  for (const name of ['q', 'k', 'v', 'z'] as const) check(name, where, b[name].data, g(name), 'relative', REL);

  const { raw, scaled } = referenceScores(g('q'), g('k'));
  check('raw_scores', where, b.rawScores.data, raw, 'relative', REL);
  const T = p.ids.length;
  const visible = (i: number) => i % T <= Math.floor(i / T) % T;
  const scores = Array.from(b.scores.data, (s, i) => (visible(i) ? s : 0));
  check(
    'attn_scores',
    where,
    scores,
    Array.from(scaled, (s, i) => (visible(i) ? s : 0)),
    'relative',
    REL,
  );
  expect(
    b.scores.data.every((s, i) => visible(i) || s === -Infinity),
    `${where}: future scores are -Infinity`,
  ).toBe(true);
  check('pattern', where, b.pattern.data, g('pattern'), 'absolute', PATTERN);

  check('attn_out', where, b.attnOut.data, g('attn_out'), 'relative', REL);
  check('resid_mid', where, b.residMid.data, g('resid_mid'), 'relative', REL);
  check('mlp_pre', where, b.mlpPre.data, g('mlp_pre'), 'relative', REL);
  check('mlp_post', where, b.mlpPost.data, g('mlp_post'), 'relative', REL);
  check('mlp_out', where, b.mlpOut.data, g('mlp_out'), 'relative', REL);
  check('resid_post', where, b.residPost.data, g('resid_post'), 'relative', REL);
}

function checkSummary(p: GoldenPrompt, s: TraceSummary, logitLens: LogitLens): void {
  const L = s.config.n_layer;
  const T = p.ids.length;
  check('embed', p.name, s.embed.data, p.get('embed'), 'relative', REL);
  check('pos_embed', p.name, s.posEmbed.data, p.get('pos_embed'), 'relative', REL);
  for (let l = 0; l < L; l++)
    check('resid_pre', `${p.name}, layer ${l}`, s.resid[l].data, p.get(`blocks.${l}.resid_pre`), 'relative', REL);
  check('resid_final', p.name, s.resid[L].data, p.get(`blocks.${L - 1}.resid_post`), 'relative', REL);
  check('ln_final', p.name, s.lnFinal.data, p.get('ln_final'), 'relative', REL);
  check('last_logits', p.name, s.lastLogits, p.get('last_logits'), 'absolute', LOGITS);

  const topIds = p.get('predictions.top_ids');
  const topLogits = p.get('predictions.top_logits');
  for (let t = 0; t < T; t++)
    checkTop('predictions.top', `${p.name}, position ${t}`, s.predictions[t].top, rows(topIds, t), rows(topLogits, t));
  const next = s.predictions.map((x) => x.nextLogprob);
  expect(next[T - 1]).toBeNull();
  check(
    'predictions.nextLogprob',
    p.name,
    next.slice(0, T - 1) as number[],
    p.get('predictions.next_logprob'),
    'absolute',
    LOGITS,
  );
  check(
    'predictions.entropy',
    p.name,
    s.predictions.map((x) => x.entropy),
    p.get('predictions.entropy'),
    'absolute',
    LOGITS,
  );

  for (let l = 0; l <= L; l++) {
    const lens = logitLens[l];
    const ids = p.get(`lens.${l}.top_ids`);
    for (let t = 0; t < T; t++) checkTop('lens.top', `${p.name}, layer ${l}, position ${t}`, lens[t].top, rows(ids, t));
    check(
      'lens.nextLogprob',
      `${p.name}, layer ${l}`,
      lens.slice(0, T - 1).map((c) => c.nextLogprob as number),
      p.get(`lens.${l}.next_logprob`),
      'absolute',
      LOGITS,
    );
  }
}

describe('golden fidelity against Hugging Face transformers (cpu backend)', () => {
  const golden = readGolden();
  let runtime: GPT2Runtime;

  beforeAll(async () => {
    await selectBackend(['cpu']);
    const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
    expect(config).toMatchObject(golden.config);
    runtime = await createRuntime(config, tensors);
  });

  afterAll(() => {
    runtime?.dispose();
    const table = [...worst].map(([stage, w]) => ({
      stage,
      'worst error': Number(w.error.toExponential(2)),
      metric: w.metric,
      limit: w.limit,
      at: w.where,
    }));
    console.log('Worst error per stage, runtime vs transformers:');
    console.table(table);
  });

  it('covers the required prompts, including a single token and a full context', () => {
    const lengths = golden.prompts.map((p) => p.ids.length);
    expect(lengths).toContain(1);
    expect(lengths).toContain(golden.config.n_positions);
    expect(golden.prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['english', 'chinese', 'emoji']));
  });

  const summaries = new Map<string, TraceSummary>();
  const traceOf = async (p: GoldenPrompt) => summaries.get(p.name) ?? (await runtime.trace(p.ids));

  for (const p of golden.prompts) {
    // The cpu backend is slow at full-vocabulary readouts and the CPU is shared: allow time.
    it(`matches every traced stage: ${p.name} (${p.ids.length} tokens)`, { timeout: 400_000 }, async () => {
      const summary = await runtime.trace(p.ids);
      summaries.set(p.name, summary);
      checkSummary(p, summary, await logitLensOf(runtime, summary));
      for (let l = 0; l < runtime.config.n_layer; l++) checkBlock(p, await runtime.block(summary, l));
    });
  }

  it("reads the logit lens's last layer exactly as the model's own logits", async () => {
    const p = golden.prompts.find((x) => x.name === 'english')!;
    const s = await traceOf(p);
    const L = runtime.config.n_layer;
    const T = p.ids.length;
    const lens = await logitLensOf(runtime, s);
    expect(lens).toHaveLength(L + 1);
    lens[L].forEach((cell, t) => {
      expect(cell.top).toEqual(s.predictions[t].top.slice(0, cell.top.length));
      expect(cell.nextLogprob).toBe(s.predictions[t].nextLogprob);
    });
    for (const c of lens[L][T - 1].top) expect(c.logit).toBeCloseTo(s.lastLogits[c.id], 5);
  });
});
