import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseTokens, experimentCases, rowLengths } from '../../../scripts/bench/experiments';
import { outputDifference } from '../../../scripts/bench/report-experiments';
import { float32ToBase64 } from '../../../scripts/bench/page/measure';
import { parseConfig } from '../../../src/model/config';

/** The tiny model's config with GPT-2 small's context, so every row's lengths fit. */
const GPT2 = parseConfig({
  ...(JSON.parse(readFileSync('weights/tiny-random/model.json', 'utf8')) as { config: object }).config,
  n_positions: 1024,
});

describe('rowLengths', () => {
  it("keeps a row's own lengths among those asked, else the shortest asked", () => {
    expect(rowLengths('resid_pre_sweep', [16, 64, 256, 1024], 1024)).toEqual([16, 64]);
    expect(rowLengths('attribution', [64], 1024)).toEqual([64]);
    expect(rowLengths('head_ablation', [64, 256], 128)).toEqual([64]);
    expect(rowLengths('forward', [2048], 1024)).toEqual([]);
  });
});

describe('experimentCases', () => {
  it('sets up every row of the full run at the lengths the issue names', () => {
    const cases = experimentCases(GPT2, [16, 64, 256, 1024]);
    expect(cases.map((c) => `${c.experiment}@${caseTokens(c)}`)).toEqual([
      'forward@16',
      'forward@64',
      'forward@256',
      'resid_pre_sweep@16',
      'resid_pre_sweep@64',
      'z_sweep@16',
      'z_sweep@64',
      'resid_pre_one_token@16',
      'resid_pre_one_token@64',
      'head_ablation@64',
      'head_ablation@256',
      'attribution@256',
      'induction_probe@101',
    ]);
  });

  it('leaves the extra row out of a quick run, and runs it only at its own lengths', () => {
    const names = (cases: ReturnType<typeof experimentCases>) => cases.map((c) => `${c.experiment}@${caseTokens(c)}`);
    expect(names(experimentCases(GPT2, [64], false))).not.toContain('resid_pre_one_token@64');
    expect(names(experimentCases(GPT2, [64]))).toContain('resid_pre_one_token@64');
    expect(names(experimentCases(GPT2, [256])).some((n) => n.startsWith('resid_pre_one_token'))).toBe(false);
  });

  it('corrupts the one-token row at its middle position only', () => {
    for (const c of experimentCases(GPT2, [16, 64])) {
      if (c.experiment !== 'resid_pre_one_token') continue;
      const differ = c.clean.flatMap((id, i) => (id === c.corrupted[i] ? [] : [i]));
      expect(differ).toEqual([c.clean.length >> 1]);
    }
  });

  it('contrasts a clean prompt with a different one of the same length, and two different tokens', () => {
    for (const c of experimentCases(GPT2, [64])) {
      if (!('clean' in c)) continue;
      expect(c.corrupted).toHaveLength(c.clean.length);
      expect(c.corrupted).not.toEqual(c.clean);
      expect(c.answer).not.toBe(c.against);
    }
  });
});

describe('outputDifference', () => {
  it('compares what both sides computed, and nothing where the kinds differ', () => {
    const sweep = (v: number) => ({ values: [[0, v]], cleanDiff: 1, corruptedDiff: 0 });
    expect(outputDifference(sweep(0.5), sweep(0.25))).toBe(0.25);
    const logits = (x: number) => ({ logits: float32ToBase64(new Float32Array([1, x])) });
    expect(outputDifference(logits(2), logits(2.5))).toBe(0.5);
    const parts = (x: number) => ({ logit: 1, components: { embed: x, pos_embed: 1 }, residualError: 0 });
    expect(outputDifference(parts(1), parts(3))).toBe(2);
    expect(outputDifference(sweep(1), logits(1))).toBeNull();
  });
});
