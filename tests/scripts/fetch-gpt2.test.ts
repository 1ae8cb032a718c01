import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dirSource } from '../../src/node/node-source';
import { loadWeights } from '../../src/weights/weights';
import { expectedShapes } from '../../src/weights/weights-format';
import { makeCheckpoint, SMALL_CONFIG } from '../weights/checkpoint-builder';
import { closedPort, startFakeHub, type FakeHub } from '../hub/fake-hub';
import { expectOneLineError, type CliResult } from './run-cli';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function fetchGpt2(endpoint: string, args: string[]): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const env = { ...process.env, FORWARD_PASS_HF_ENDPOINT: endpoint, HF_ENDPOINT: '', FORWARD_PASS_DEBUG: '' };
    const child = spawn(tsx, ['scripts/fetch-gpt2.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

const config = { ...SMALL_CONFIG, vocab_size: 500 };
// With the attn.bias mask buffers the real GPT-2 file carries (the converter must skip them).
const checkpoint = makeCheckpoint(config, { seed: 3, maskBuffers: true });
const TENSORS = expectedShapes(config).size;
const configBytes = new TextEncoder().encode(JSON.stringify(checkpoint.configJson, null, 2));
const files = [
  { path: 'config.json', bytes: configBytes, lfs: false },
  { path: 'model.safetensors', bytes: checkpoint.bytes, lfs: true },
];

const tmp = mkdtempSync(join(tmpdir(), 'fetch-gpt2-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let hub: FakeHub;
let out: string;
let n = 0;
beforeEach(async () => {
  hub = await startFakeHub(files);
  out = join(tmp, `out-${n++}`);
});
afterEach(() => hub.close());

const safetensorsGets = () =>
  hub.requests.filter((r) => r.url.endsWith('/model.safetensors') && r.url.startsWith('/cdn/'));

describe('npm run fetch-gpt2', () => {
  it('downloads, verifies and converts into --out, with a model the loader accepts', async () => {
    const r = await fetchGpt2(hub.endpoint, ['--out', out]);
    expect(strip(r).stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/config\.json: [\d.]+ [kM]?B, git SHA-1 verified/);
    expect(r.stdout).toMatch(/model\.safetensors: [\d.]+ [kM]?B, SHA-256 verified/);
    expect(r.stdout).toMatch(new RegExp(`wrote .*: ${TENSORS} tensors, [\\d,]+ parameters`));
    // The progress bar reached the whole file.
    expect(r.stderr).toMatch(/model\.safetensors +\[#+\] 100\.0% /);
    const loaded = await loadWeights(dirSource(out));
    expect(loaded.config).toEqual(config);
    expect(loaded.name).toBe('GPT-2 small');
    expect(existsSync(join(out, 'MODEL_CARD.md'))).toBe(true);
    expect(existsSync(join(out, '.checkpoint'))).toBe(false);

    const again = await fetchGpt2(hub.endpoint, ['--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already holds a converted model/);
  });

  it('resumes an interrupted download with a Range request', async () => {
    const cut = 5000;
    hub.faults.cutAfter = { path: 'model.safetensors', bytes: cut };
    const first = await fetchGpt2(hub.endpoint, ['--out', out]);
    expectOneLineError(
      strip(first),
      /^fetch-gpt2: error: model\.safetensors: download interrupted after 5\.0 kB of [\d.]+ kB \(the connection to 127\.0\.0\.1:\d+ was cut\); run again to resume$/,
    );
    expect(statSync(join(out, '.checkpoint', 'model.safetensors.part')).size).toBe(cut);

    const second = await fetchGpt2(hub.endpoint, ['--out', out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/resumed from 5\.0 kB/);
    expect(safetensorsGets().map((r) => r.range)).toEqual([undefined, `bytes=${cut}-`]);
    expect((await loadWeights(dirSource(out))).tensors.size).toBe(TENSORS);
  });

  it('starts over when the server ignores the Range header', async () => {
    mkdirSync(join(out, '.checkpoint'), { recursive: true });
    writeFileSync(join(out, '.checkpoint', 'model.safetensors.part'), checkpoint.bytes.subarray(0, 3000));
    hub.faults.ignoreRange = true;
    const r = await fetchGpt2(hub.endpoint, ['--out', out]);
    expect(r.code).toBe(0);
    expect((await loadWeights(dirSource(out))).tensors.size).toBe(TENSORS);
  });

  it('rejects a file of the wrong size', async () => {
    hub.faults.replaceBody = {
      path: 'model.safetensors',
      bytes: checkpoint.bytes.subarray(0, checkpoint.bytes.length - 100),
    };
    const r = await fetchGpt2(hub.endpoint, ['--out', out]);
    expectOneLineError(
      strip(r),
      /^fetch-gpt2: error: model\.safetensors: got [\d,]+ bytes, the Hub says [\d,]+: the download is incomplete$/,
    );
    expect(existsSync(join(out, 'model.json'))).toBe(false);
  });

  it('rejects a file with the wrong SHA-256 and deletes it', async () => {
    const bad = checkpoint.bytes.slice();
    bad[bad.length - 3] ^= 0x10;
    hub.faults.replaceBody = { path: 'model.safetensors', bytes: bad };
    const r = await fetchGpt2(hub.endpoint, ['--out', out]);
    expectOneLineError(
      strip(r),
      /^fetch-gpt2: error: model\.safetensors: SHA-256 [0-9a-f]{12}\.\.\. differs from the Hub's [0-9a-f]{12}\.\.\.: the download is corrupt$/,
    );
    expect(existsSync(join(out, '.checkpoint', 'model.safetensors.part'))).toBe(false);
    expect(existsSync(join(out, 'model.json'))).toBe(false);
  });

  it('rejects an HTML page served in place of the weights', async () => {
    hub.faults.htmlFor = 'model.safetensors';
    const r = await fetchGpt2(hub.endpoint, ['--out', out]);
    expectOneLineError(
      strip(r),
      /^fetch-gpt2: error: model\.safetensors: 127\.0\.0\.1:\d+ sent an HTML page, not the file/,
    );
  });

  it('fails within seconds, in one line, when the Hub is unreachable (closed port, unresolvable host)', async () => {
    const closed = await fetchGpt2(`http://127.0.0.1:${await closedPort()}`, ['--out', out]);
    expectOneLineError(
      closed,
      /^fetch-gpt2: error: cannot reach 127\.0\.0\.1:\d+: connection refused; check your connection \(or set FORWARD_PASS_HF_ENDPOINT to a mirror\)$/,
    );
    expect(closed.ms).toBeLessThan(10_000);

    const dns = await fetchGpt2('https://no-such-host.invalid', ['--out', out]);
    expectOneLineError(dns, /^fetch-gpt2: error: cannot reach no-such-host\.invalid: /);
    expect(dns.ms).toBeLessThan(10_000);
  });

  it('refuses an endpoint that is not an http(s) URL', async () => {
    const r = await fetchGpt2('ftp://example.org', ['--out', out]);
    expectOneLineError(r, /must start with http:\/\/ or https:\/\//);
  });
});

/** stderr without the progress lines (printed when stderr is not a terminal). */
function strip(r: CliResult): CliResult {
  return { ...r, stderr: r.stderr.replace(/.*\d+(\.\d)?% .*\n/g, '') };
}
