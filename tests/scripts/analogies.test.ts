import { describe, expect, it } from 'vitest';
import { CLASSIC_ANALOGIES } from '../../scripts/lib/analogy-list';
import { expectOneLineError, runCli, TINY } from './run-cli';

describe('scripts/analogies.ts', () => {
  it('prints the baseline cosine and one table row per analogy, ranked among all but the three inputs', async () => {
    const run = await runCli('analogies', ['--model', TINY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Average cosine between two different rows: -?0\.\d{3}\.$/m);
    const rows = run.stdout.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(CLASSIC_ANALOGIES.length);
    for (const row of rows) {
      const [, , , rank, of] = row.split('|').map((c) => c.trim().replace(/,/g, ''));
      expect(Number(of)).toBe(50257 - 3);
      expect(Number(rank)).toBeGreaterThanOrEqual(1);
      expect(Number(rank)).toBeLessThanOrEqual(Number(of));
    }
  });

  it('says in one line when the model folder is missing', async () => {
    expectOneLineError(await runCli('analogies', ['--model', 'weights/no-such-model']), /model directory not found/);
  });
});
