/**
 * npm run trace with --ablate, --scale, --patch-from/--patch and --attribute: the JSON
 * describes the edited run (checked against the PyTorch-hook golden results of the same
 * edits), and every bad input named by the issue fails in one line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineError, runCli, TINY, type CliResult } from './run-cli';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { maxDiff } from '../model/tensor-checks';

const tmp = mkdtempSync(join(tmpdir(), 'trace-edits-'));
const DIR = 'tests/fixtures/golden';
const cases = JSON.parse(readFileSync(`${DIR}/interventions-cases.json`, 'utf8')) as {
  prompts: Record<string, { text: string }>;
};
const results = JSON.parse(readFileSync(`${DIR}/interventions.json`, 'utf8')) as {
  edits: Record<string, { last_logits: { offset: number; length: number } }>;
  attributions: Record<string, { logit: number; components: Record<string, number> }>;
};
const blob = new Float32Array(new Uint8Array(readFileSync(`${DIR}/interventions.bin`)).buffer);
const CLEAN = cases.prompts.clean.text;
const SHORT = cases.prompts.short.text;

async function traceJson(args: string[]): Promise<{ run: CliResult; json: TraceJson }> {
  const file = join(tmp, `t${Math.random().toString(36).slice(2)}.json`);
  const run = await runCli('trace', ['--model', TINY, '--top', '3', '--json', file, ...args]);
  expect(run.code, run.stderr).toBe(0);
  return { run, json: JSON.parse(readFileSync(file, 'utf8')) as TraceJson };
}

const golden = (name: string) => {
  const s = results.edits[name].last_logits;
  return blob.subarray(s.offset, s.offset + s.length);
};

describe('npm run trace with edits', () => {
  let plain: TraceJson;
  beforeAll(async () => {
    plain = (await traceJson(['--text', CLEAN])).json;
    expect(plain.edits).toEqual([]);
  });

  it('--ablate zeroes a head, as PyTorch hooks do', async () => {
    const { run, json } = await traceJson(['--text', CLEAN, '--ablate', 'blocks.0.attn.hook_z:head=1']);
    expect(run.stdout).toMatch(/^edited run \(1 edit\):\n {2}blocks\.0\.attn\.hook_z:head=1 {2}zero$/m);
    expect(json.edits).toEqual([{ hook: 'blocks.0.attn.hook_z', kind: 'zero', heads: [1] }]);
    expect(maxDiff(json.logits, golden('zero-z-head'))).toBeLessThan(2e-3);
    expect(maxDiff(json.logits, plain.logits)).toBeGreaterThan(0.02);
    expect(json.attention).toHaveLength(2);
    expect(json.resid[0]).toEqual(plain.resid[0]);
    expect(json.resid[2]).not.toEqual(plain.resid[2]);
  });

  it('--ablation mean, --scale and --patch-from with --patch', async () => {
    const mean = await traceJson(['--text', CLEAN, '--ablation', 'mean', '--ablate', 'blocks.0.hook_resid_mid']);
    expect(maxDiff(mean.json.logits, golden('mean-resid-mid'))).toBeLessThan(2e-3);
    const scale = await traceJson(['--text', CLEAN, '--scale', 'blocks.1.hook_attn_out:pos=2,5,13=0.5']);
    expect(scale.json.edits[0]).toMatchObject({ kind: 'scale', factor: 0.5, positions: [2, 5, 13] });
    expect(maxDiff(scale.json.logits, golden('scale-attn-out'))).toBeLessThan(2e-3);
    const patch = await traceJson([
      '--text',
      CLEAN,
      '--patch-from',
      SHORT,
      '--patch',
      'blocks.1.hook_resid_pre:pos=1,4',
    ]);
    expect(patch.json.patch_from?.text).toBe(SHORT);
    expect(maxDiff(patch.json.logits, golden('patch-resid-pre-shorter-source'))).toBeLessThan(2e-3);
  });

  it('--attribute with and without --against: components sum to the logit', async () => {
    const { run, json } = await traceJson(['--text', CLEAN, '--attribute', ' Mary', '--against', ' John']);
    const a = json.attribution!;
    expect(a).toMatchObject({ target_text: ' Mary', against_text: ' John', position: 13 });
    const want = results.attributions.contrast;
    expect(Math.abs(a.logit - want.logit)).toBeLessThan(2e-3);
    for (const [name, v] of Object.entries(want.components))
      expect(Math.abs(a.components[name] - v)).toBeLessThan(2e-3);
    const sum = Object.values(a.components).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - a.logit)).toBeLessThan(2e-3);
    expect(run.stdout).toMatch(/direct logit attribution at position 13: logit difference ␣Mary - ␣John = /);
    const single = (await traceJson(['--text', CLEAN, '--attribute', ' Mary'])).json.attribution!;
    expect(single.against).toBeNull();
    expect(Math.abs(single.logit - results.attributions.single.logit)).toBeLessThan(2e-3);
  });
});

describe('npm run trace with bad edits', () => {
  const text = ['--model', TINY, '--text', CLEAN];
  const cases: [string, string[], RegExp][] = [
    ['an unknown hook', ['--ablate', 'blocks.0.hook_nope'], /unknown hook "blocks\.0\.hook_nope": expected/],
    ['a hook that cannot be edited', ['--ablate', 'blocks.0.attn.hook_q'], /cannot be edited: editable hooks are/],
    ['a layer out of range', ['--ablate', 'blocks.2.hook_mlp_out'], /layer 2 is out of range 0\.\.1/],
    ['a head out of range', ['--ablate', 'blocks.0.attn.hook_z:head=2'], /head 2 is out of range 0\.\.1/],
    ['a neuron out of range', ['--ablate', 'blocks.0.mlp.hook_post:neuron=256'], /neuron 256 is out of range 0\.\.255/],
    ['a position out of range', ['--ablate', 'blocks.0.hook_resid_pre:pos=14'], /position 14 is out of range 0\.\.13/],
    ['a malformed spec', ['--ablate', 'blocks.0.hook_mlp_out:pos=x'], /pos= needs whole numbers/],
    ['an unknown ablation', ['--ablation', 'max', '--ablate', 'blocks.0.hook_mlp_out'], /must be zero or mean/],
    ['a scale without a factor', ['--scale', 'blocks.0.hook_mlp_out'], /--scale needs SPEC=FACTOR/],
    [
      'a patch source too short for the positions',
      ['--patch-from', SHORT, '--patch', 'blocks.0.hook_mlp_out:pos=6'],
      /position 6 is beyond the patch source's 6 tokens \(0\.\.5\)/,
    ],
    [
      'no positions while the lengths differ',
      ['--patch-from', SHORT, '--patch', 'blocks.0.hook_mlp_out'],
      /the prompt has 14 tokens and the patch source 6; give positions/,
    ],
    ['an empty patch source', ['--patch-from', '', '--patch', 'blocks.0.hook_mlp_out'], /patch source prompt is empty/],
    ['--patch without --patch-from', ['--patch', 'blocks.0.hook_mlp_out'], /--patch needs --patch-from/],
    [
      'an attribution target of two tokens',
      ['--attribute', ' Maryland Johnson'],
      /--attribute " Maryland Johnson" is 2 GPT-2 tokens \(" Maryland", " Johnson"\)/,
    ],
    ['--against without --attribute', ['--against', ' John'], /--against needs --attribute/],
  ];

  it.each(cases)('rejects %s in one line', async (_name, args, message) => {
    expectOneLineError(await runCli('trace', [...text, ...args]), message);
  });
});
