import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dirSource } from '../../src/node/node-source';
import { loadWeights } from '../../src/weights/weights';
import type { CliResult } from './run-cli';

const tmp = mkdtempSync(join(tmpdir(), 'random-gpt2-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[]) =>
  new Promise<CliResult>((resolve) =>
    execFile('node_modules/.bin/tsx', ['scripts/make-random-gpt2.ts', ...args], (error, stdout, stderr) =>
      resolve({ code: error ? 1 : 0, stdout, stderr }),
    ),
  );

describe('npm run make-random-gpt2', () => {
  it('writes loadable random weights of the requested shape, with a model card', async () => {
    const out = join(tmp, 'small');
    const result = await run([
      '--out',
      out,
      '--layers',
      '3',
      '--heads',
      '4',
      '--embd',
      '32',
      '--positions',
      '64',
      '--vocab',
      '500',
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^wrote .*small: 56,224 parameters, 112,448 bytes in 1 shard\(s\) \(float16\)/);
    const { config, name, tensors } = await loadWeights(dirSource(out));
    expect(config).toEqual({
      n_layer: 3,
      n_head: 4,
      n_embd: 32,
      n_positions: 64,
      vocab_size: 500,
      layer_norm_epsilon: 1e-5,
    });
    expect(name).toBe('random GPT-2 (3 layers, 32 wide)');
    expect(tensors.get('h.2.ln_1.weight')!.data.every((x) => x === 1)).toBe(true);
    expect(readFileSync(join(out, 'MODEL_CARD.md'), 'utf8')).toMatch(/Random weights/);
  });

  it('refuses a shape GPT-2 cannot have, in one line plus usage', async () => {
    const result = await run(['--out', join(tmp, 'bad'), '--heads', '5']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('make-random-gpt2: config: n_embd (768) is not divisible by n_head (5)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
