import { describe, expect, it } from 'vitest';
import { expectOneLineError, runCli, TINY } from './run-cli';

const base = ['--model', TINY, '--text', 'The cat'];

describe('npm run generate on tiny-random', () => {
  it('continues the prompt, repeatably for a seed', async () => {
    const args = [...base, '--tokens', '8', '--seed', '7', '--temperature', '0.8', '--top-k', '40'];
    const [a, b] = [await runCli('generate', args), await runCli('generate', args)];
    expect(a.code).toBe(0);
    expect(a.stdout.startsWith('The cat')).toBe(true);
    expect(a.stdout.length).toBeGreaterThan('The cat\n'.length);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stderr).toMatch(/seed 7/);
  });

  it('prints its flags with --help', async () => {
    const run = await runCli('generate', ['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--tokens', '--temperature', '--top-k', '--top-p', '--seed'])
      expect(run.stdout).toContain(flag);
  });

  it('stops when the context is full', async () => {
    const run = await runCli('generate', [
      '--model',
      TINY,
      '--text',
      ' word'.repeat(126),
      '--tokens',
      '10',
      '--seed',
      '1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/stopped after 3 tokens: the context is full \(128 positions\)/);
  });

  it('keeps the last n_positions tokens of a longer prompt and says so, as the page does', async () => {
    const run = await runCli('generate', [
      '--model',
      TINY,
      '--text',
      ' word'.repeat(200),
      '--tokens',
      '5',
      '--seed',
      '1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/the prompt is 72 tokens too long: the model sees only the last 128/);
    expect(run.stdout.startsWith(' word'.repeat(128))).toBe(true);
    expect(run.stderr).toMatch(/stopped after 1 tokens: the context is full/);
  });

  it('prints bytes that are not a whole character as <F4>, never as U+FFFD', async () => {
    // With this seed tiny-random samples the lone byte F4 (token 176), the lead of a 4-byte character.
    const run = await runCli('generate', [
      '--model',
      TINY,
      '--text',
      '你好',
      '--tokens',
      '30',
      '--seed',
      '1',
      '--temperature',
      '0.7',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('你好 Sleeping<F4> sustainability')).toBe(true);
    expect(run.stdout).not.toContain('\uFFFD');
  });

  it('runs a whitespace-only prompt: spaces are tokens', async () => {
    const run = await runCli('generate', ['--model', TINY, '--text', '   ', '--tokens', '2', '--seed', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('   ')).toBe(true);
  });
});

describe('npm run generate with bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['negative tokens', [...base, '--tokens', '-1'], /--tokens must be a whole number >= 1/],
    ['non-number tokens', [...base, '--tokens', 'many'], /--tokens needs a number/],
    ['a negative temperature', [...base, '--temperature', '-0.5'], /--temperature must be between 0 and/],
    ['top-p above 1', [...base, '--top-p', '1.5'], /--top-p must be between 0 and 1/],
    ['top-p below 0', [...base, '--top-p', '-0.1'], /--top-p must be between 0 and 1/],
    ['a fractional top-k', [...base, '--top-k', '2.5'], /--top-k must be a whole number/],
    ['a fractional seed', [...base, '--seed', '1.5'], /--seed must be a whole number/],
    ['an empty prompt', ['--model', TINY, '--text', ''], /prompt is empty/],
    ['an unknown flag', [...base, '--temp', '1'], /unknown flag --temp/],
  ];

  it.each(cases)('rejects %s in one line', async (_name, args, message) => {
    expectOneLineError(await runCli('generate', args), message);
  });
});
