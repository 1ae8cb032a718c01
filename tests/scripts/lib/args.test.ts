import { describe, expect, it } from 'vitest';
import { parseFlags, usage, wholeNumber, type FlagSpecs } from '../../../scripts/lib/args';
import { CliError } from '../../../scripts/lib/cli-error';

const specs = {
  text: { kind: 'string', help: 'prompt' },
  tokens: { kind: 'number', help: 'count' },
  truncate: { kind: 'boolean', help: 'cut' },
} as const satisfies FlagSpecs;

const fails = (argv: string[], message: RegExp) => {
  expect(() => parseFlags(argv, specs)).toThrow(CliError);
  expect(() => parseFlags(argv, specs)).toThrow(message);
};

describe('parseFlags', () => {
  it('reads values after the flag or after "="', () => {
    expect(parseFlags(['--text', 'hi there', '--tokens=5', '--truncate'], specs)).toEqual({
      text: 'hi there',
      tokens: 5,
      truncate: true,
    });
  });

  it('collects every use of a repeatable flag, in order', () => {
    const repeatable = { ablate: { kind: 'strings', help: 'edit' } } as const satisfies FlagSpecs;
    expect(parseFlags(['--ablate', 'a', '--ablate=b:pos=1'], repeatable)).toEqual({ ablate: ['a', 'b:pos=1'] });
    expect(usage('trace', 'x', repeatable)).toMatch(/--ablate VALUE\s+edit \(repeatable\)/);
  });

  it('takes a value that starts with a dash as the value', () => {
    expect(parseFlags(['--text', '-hi', '--tokens', '-5'], specs)).toEqual({ text: '-hi', tokens: -5 });
  });

  it('rejects unknown flags, stray arguments, missing and repeated values', () => {
    fails(['--nope'], /unknown flag --nope/);
    fails(['hello'], /unexpected argument "hello"/);
    fails(['--text'], /--text needs a value/);
    fails(['--text', 'a', '--text', 'b'], /given twice/);
    fails(['--truncate=yes'], /takes no value/);
    fails(['--constructor', 'x'], /unknown flag/);
  });

  it('rejects numbers that are not numbers', () => {
    fails(['--tokens', 'ten'], /--tokens needs a number, got "ten"/);
    fails(['--tokens', ''], /needs a number/);
    fails(['--tokens', 'Infinity'], /needs a number/);
  });
});

describe('wholeNumber', () => {
  it('accepts whole numbers at or above the minimum and names the flag otherwise', () => {
    expect(wholeNumber('tokens', 3, 1)).toBe(3);
    expect(() => wholeNumber('tokens', 0, 1)).toThrow(/--tokens must be a whole number >= 1, got 0/);
    expect(() => wholeNumber('tokens', 2.5, 1)).toThrow(/whole number/);
  });
});

describe('usage', () => {
  it('lists every flag with its help', () => {
    const text = usage('trace', 'Summary.', specs);
    for (const flag of ['--text VALUE', '--tokens N', '--truncate']) expect(text).toContain(flag);
  });
});
