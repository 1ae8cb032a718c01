import { describe, expect, it, beforeAll } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineError, runCli, TINY, type CliResult } from './run-cli';
import type { TraceJson } from '../../scripts/lib/trace-json';

const tmp = mkdtempSync(join(tmpdir(), 'trace-cli-'));
const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);

describe('npm run trace on tiny-random', () => {
  let run: CliResult;
  let json: TraceJson;
  const jsonFile = join(tmp, 'trace.json');

  beforeAll(async () => {
    run = await runCli('trace', ['--model', TINY, '--text', 'Hello world, hello', '--top', '5', '--json', jsonFile]);
    json = JSON.parse(readFileSync(jsonFile, 'utf8')) as TraceJson;
  });

  it('prints the tokens and the top next tokens', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/15496\s+Hello/);
    expect(run.stdout).toMatch(/995\s+␣world/);
    const next = run.stdout
      .split('next token')[1]
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith(' '));
    expect(next).toHaveLength(5);
    for (const line of next) expect(line).toMatch(/^\s+\d+\.\d\d%\s+\d+\s+\S/);
  });

  it('writes the JSON trace with the documented shape', () => {
    const { n_layer, n_head, n_embd } = json.model;
    const T = json.tokens.length;
    expect(json.tokens.map((t) => t.id).slice(0, 2)).toEqual([15496, 995]);
    expect(json.tokens[1]).toMatchObject({ text: ' world', bytes: [32, 119, 111, 114, 108, 100] });
    expect(json.logits).toHaveLength(50257);
    expect(json.next_token_logprobs).toHaveLength(T);
    expect(json.next_token_logprobs[T - 1]).toBeNull();
    for (const lp of json.next_token_logprobs.slice(0, -1)) expect(lp).toBeLessThan(0);
    expect(json.attention).toHaveLength(n_layer);
    expect(json.resid).toHaveLength(n_layer + 1);
    for (const r of json.resid) expect([r.length, r[0].length]).toEqual([T, n_embd]);
    expect([json.ln_f.length, json.ln_f[0].length]).toEqual([T, n_embd]);
    for (const layer of json.attention) {
      expect(layer).toHaveLength(n_head);
      for (const head of layer) {
        expect(head).toHaveLength(T);
        head.forEach((row, q) => {
          expect(row).toHaveLength(T);
          expect(sum(row)).toBeCloseTo(1, 4);
          for (let k = q + 1; k < T; k++) expect(row[k]).toBe(0);
        });
      }
    }
  });

  it('prints the most likely next token of the JSON logits first', () => {
    const best = json.logits.indexOf(Math.max(...json.logits));
    const firstNext = run.stdout.split('next token')[1].split('\n')[1];
    expect(firstNext).toMatch(new RegExp(`%\\s+${best}\\s`));
  });

  it('gives the same logits on the cpu backend', async () => {
    const cpuFile = join(tmp, 'cpu.json');
    const cpu = await runCli('trace', [
      '--model',
      TINY,
      '--text',
      'Hello world, hello',
      '--backend',
      'cpu',
      '--json',
      cpuFile,
    ]);
    expect(cpu.code).toBe(0);
    const logits = (JSON.parse(readFileSync(cpuFile, 'utf8')) as TraceJson).logits;
    const maxDiff = Math.max(...logits.map((x, i) => Math.abs(x - json.logits[i])));
    expect(maxDiff).toBeLessThan(1e-3);
  });

  it('keeps the last n_positions tokens of a longer prompt and says so, as the page does', async () => {
    const long = ' word'.repeat(200);
    const run = await runCli('trace', ['--model', TINY, '--text', long, '--top', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^note: the prompt is 72 tokens too long: the model sees only the last 128$/m);
    expect(run.stdout).toMatch(/^128 tokens /m);
  });
});

describe('npm run trace with bad input', () => {
  const broken = join(tmp, 'broken');
  mkdirSync(broken);
  copyFileSync(join(TINY, 'model.json'), join(broken, 'model.json'));
  copyFileSync(join(TINY, 'group1-shard1of2.bin'), join(broken, 'group1-shard1of2.bin'));
  writeFileSync(join(broken, 'group1-shard2of2.bin'), new Uint8Array(10));
  const notModel = join(tmp, 'empty');
  mkdirSync(notModel);

  const cases: [string, string[], RegExp][] = [
    ['a missing model directory', ['--model', join(tmp, 'nowhere'), '--text', 'hi'], /model directory not found/],
    ['a folder without model.json', ['--model', notModel, '--text', 'hi'], /no model\.json/],
    ['broken weights', ['--model', broken, '--text', 'hi'], /group1-shard2of2\.bin/],
    ['an unknown flag', ['--model', TINY, '--text', 'hi', '--colour', 'red'], /unknown flag --colour/],
    ['a non-number --top', ['--model', TINY, '--text', 'hi', '--top', 'ten'], /--top needs a number/],
    ['a negative --top', ['--model', TINY, '--text', 'hi', '--top', '-3'], /--top must be a whole number >= 1/],
    ['a missing prompt', ['--model', TINY], /--text is required/],
    ['an empty prompt', ['--model', TINY, '--text', ''], /prompt is empty/],
    [
      'a --json file in a missing folder',
      ['--model', TINY, '--text', 'hi', '--json', join(tmp, 'no', 'x.json')],
      /folder .* does not exist/,
    ],
    [
      'an unknown backend',
      ['--model', TINY, '--text', 'hi', '--backend', 'webgl'],
      /--backend must be one of wasm, cpu/,
    ],
  ];

  it.each(cases)('rejects %s in one line', async (_name, args, message) => {
    expectOneLineError(await runCli('trace', args), message);
  });
});
