/**
 * The trace CLI's --json output against Hugging Face transformers' activations for the
 * same prompts and weights (tests/fixtures/golden): checks that every array lands at the
 * documented index (layer, head, query, key, position), from the prompt text onwards.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, TINY } from './run-cli';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { type GoldenArray, readGolden } from '../model/golden-data';

const tmp = mkdtempSync(join(tmpdir(), 'trace-golden-'));
const texts = (
  JSON.parse(readFileSync('tests/fixtures/golden/prompts.json', 'utf8')) as {
    prompts: { name: string; text: string }[];
  }
).prompts;

/** Largest absolute difference, relative to the reference's largest magnitude. */
function relativeError(actual: number[], expected: GoldenArray): number {
  let diff = 0;
  let scale = 0;
  expected.data.forEach((want, i) => {
    diff = Math.max(diff, Math.abs(actual[i] - want));
    scale = Math.max(scale, Math.abs(want));
  });
  return diff / scale;
}

describe('npm run trace --json against transformers', () => {
  const { prompts } = readGolden();

  it.each(['english', 'chinese'])('matches the reference on the %s prompt', async (name) => {
    const golden = prompts.find((p) => p.name === name)!;
    const text = texts.find((p) => p.name === name)!.text;
    const file = join(tmp, `${name}.json`);
    const run = await runCli('trace', ['--model', TINY, '--text', text, '--json', file]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as TraceJson;
    const n = json.model.n_layer;

    expect(json.tokens.map((t) => t.id)).toEqual(golden.ids);
    expect(relativeError(json.logits, golden.get('last_logits'))).toBeLessThan(1e-3);
    expect(
      relativeError(json.next_token_logprobs.slice(0, -1) as number[], golden.get('predictions.next_logprob')),
    ).toBeLessThan(1e-3);
    for (let l = 0; l < n; l++) {
      expect(
        relativeError(json.attention[l].flat(2), golden.get(`blocks.${l}.pattern`)),
        `attention ${l}`,
      ).toBeLessThan(1e-4);
      expect(relativeError(json.resid[l].flat(), golden.get(`blocks.${l}.resid_pre`)), `resid ${l}`).toBeLessThan(1e-4);
    }
    expect(relativeError(json.resid[n].flat(), golden.get(`blocks.${n - 1}.resid_post`))).toBeLessThan(1e-4);
    expect(relativeError(json.ln_f.flat(), golden.get('ln_final'))).toBeLessThan(1e-4);
  });
});
