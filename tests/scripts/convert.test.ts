import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCheckpoint } from '../weights/checkpoint-builder';
import { expectOneLineError, type CliResult } from './run-cli';

const tsx = 'node_modules/.bin/tsx';
const tmp = mkdtempSync(join(tmpdir(), 'convert-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runConvert(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(tsx, ['scripts/convert.ts', ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A Hugging Face style checkpoint folder; `edit` may damage it. */
function checkpointDir(name: string, edit?: (dir: string) => void): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const ckpt = makeCheckpoint();
  writeFileSync(join(dir, 'config.json'), JSON.stringify(ckpt.configJson));
  writeFileSync(join(dir, 'model.safetensors'), ckpt.bytes);
  edit?.(dir);
  return dir;
}

describe('npm run convert', () => {
  it('converts a checkpoint folder, says what it wrote, and replaces stale shards', async () => {
    const out = join(tmp, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'group1-shard9of9.bin'), 'left over from a bigger model');
    writeFileSync(join(out, 'MODEL_CARD.md'), 'kept');
    const result = await runConvert([checkpointDir('good'), out, '--name', 'Small test']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote .*out: 28 tensors, 2,184 parameters, 4,368 bytes in 1 shard\(s\) \(float16\)\n$/,
    );
    expect(readdirSync(out).sort()).toEqual(['MODEL_CARD.md', 'group1-shard1of1.bin', 'model.json']);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).config.name).toBe('Small test');
  });

  it.each([
    ['no arguments', () => [], /^convert: expected SRC_DIR and OUT_DIR, got 0 argument\(s\)$/],
    ['an unknown option', () => ['--fast', 'a', 'b'], /^convert: unknown option --fast$/],
  ])('%s: usage error', async (_what, args, message) => {
    const result = await runConvert(args());
    expect(result.code).not.toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr).toMatch(/usage: npm run convert -- SRC_DIR OUT_DIR/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a missing folder', () => join(tmp, 'nowhere'), /^convert: .*nowhere is not a directory$/],
    [
      'no config.json',
      () => checkpointDir('no-config', (d) => rmSync(join(d, 'config.json'))),
      /^convert: .*no-config\/config\.json not found$/,
    ],
    [
      'no model.safetensors',
      () => checkpointDir('no-weights', (d) => rmSync(join(d, 'model.safetensors'))),
      /^convert: .*no-weights\/model\.safetensors not found$/,
    ],
    [
      'a config.json that is not JSON',
      () => checkpointDir('bad-json', (d) => writeFileSync(join(d, 'config.json'), '{"n_layer": 2,')),
      /^convert: .*bad-json\/config\.json is not valid JSON/,
    ],
    [
      'a config that disagrees with the tensors',
      () =>
        checkpointDir('mismatch', (d) =>
          writeFileSync(join(d, 'config.json'), JSON.stringify({ ...makeCheckpoint().configJson, n_embd: 16 })),
        ),
      /^convert: model\.safetensors: shape mismatch: wte\.weight is \[37, 8\], config\.json implies \[37, 16\]$/,
    ],
    [
      'a truncated model.safetensors',
      () =>
        checkpointDir('truncated', (d) =>
          writeFileSync(join(d, 'model.safetensors'), makeCheckpoint().bytes.subarray(0, 4000)),
        ),
      /^convert: model\.safetensors: tensor .* past the end of the data .*truncated\?$/,
    ],
  ])('%s: one line, non-zero exit, nothing written', async (_what, src, message) => {
    const out = join(tmp, `out-${Math.random().toString(36).slice(2)}`);
    const result = await runConvert([src(), out]);
    expectOneLineError(result, message);
    expect(existsSync(out)).toBe(false);
  });
});
