import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHalfBits } from '../../src/weights/fp16';
import { dirSource } from '../../src/node/node-source';
import { memorySource } from '../../src/weights/sources';
import type { FileSource, LoadProgress } from '../../src/model/types';
import { loadWeights, WeightsError, type WeightsErrorKind } from '../../src/weights/weights';
import { expectedShapes, type ModelJson } from '../../src/weights/weights-format';

const TINY = 'weights/tiny-random';
const SHARD2 = 'group1-shard2of2.bin';

/** The fixture's files in memory, to be damaged one way or another. */
function tinyFiles(): Map<string, Uint8Array> {
  return new Map(readdirSync(TINY).map((f) => [f, new Uint8Array(readFileSync(join(TINY, f)))]));
}

const manifestOf = (files: Map<string, Uint8Array>): ModelJson =>
  JSON.parse(new TextDecoder().decode(files.get('model.json')));
const withManifest = (files: Map<string, Uint8Array>, edit: (m: ModelJson) => void) => {
  const m = manifestOf(files);
  edit(m);
  files.set('model.json', new TextEncoder().encode(JSON.stringify(m)));
  return files;
};

async function loadError(source: FileSource): Promise<WeightsError> {
  const error = await loadWeights(source).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeightsError);
  return error as WeightsError;
}

async function expectFailure(files: Map<string, Uint8Array>, kind: WeightsErrorKind, message: RegExp) {
  const error = await loadError(memorySource(files, 'weights/tiny'));
  expect(error.kind).toBe(kind);
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain('\n');
}

const html = new TextEncoder().encode(
  '<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not Found</body></html>',
);

describe('loadWeights on weights/tiny-random', () => {
  it('returns every tensor with the shape the config needs, widened from the stored float16', async () => {
    const { config, name, tensors, totalBytes } = await loadWeights(dirSource(TINY));
    expect(config).toEqual({
      n_layer: 2,
      n_head: 2,
      n_embd: 64,
      n_positions: 128,
      vocab_size: 50257,
      layer_norm_epsilon: 1e-5,
    });
    expect(name).toBe('tiny-random');
    const shapes = expectedShapes(config);
    expect([...tensors.keys()].sort()).toEqual([...shapes.keys()].sort());
    for (const [n, t] of tensors) {
      expect(t.name).toBe(n);
      expect(t.shape).toEqual(shapes.get(n));
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
    // Decode the shards independently (DataView, no lookup table) and compare the first and last tensors.
    const files = tinyFiles();
    const m = manifestOf(files);
    const all = Buffer.concat(m.weightsManifest[0].paths.map((p) => files.get(p)!));
    const view = new DataView(all.buffer, all.byteOffset, all.byteLength);
    const wte = tensors.get('wte.weight')!.data;
    for (const i of [0, 1, 12345, wte.length - 1]) expect(wte[i]).toBe(fromHalfBits(view.getUint16(2 * i, true)));
    const lnfB = tensors.get('ln_f.bias')!.data;
    expect(lnfB[63]).toBe(fromHalfBits(view.getUint16(all.length - 2, true)));
    expect(totalBytes).toBe(m.shards.reduce((a, s) => a + s.bytes, 0));
    expect(totalBytes).toBe(all.length);
  });

  it('reports progress that rises to the total, naming the file', async () => {
    const events: LoadProgress[] = [];
    const { totalBytes } = await loadWeights(dirSource(TINY), (p) => events.push({ ...p }));
    expect(events.length).toBeGreaterThan(3); // 1 MiB pieces of a 4 MiB and a 2.3 MiB shard
    expect(events.every((e) => e.total === totalBytes)).toBe(true);
    expect(events.every((e, i) => i === 0 || e.loaded >= events[i - 1].loaded)).toBe(true);
    expect(events[0].loaded).toBe(0);
    expect(events.at(-1)!.loaded).toBe(totalBytes);
    expect(new Set(events.map((e) => e.file))).toEqual(new Set(['group1-shard1of2.bin', SHARD2]));
  });

  it('still completes the progress when a source reports no bytes', async () => {
    const files = tinyFiles();
    const silent: FileSource = { describe: () => 'silent', read: async (p) => files.get(p)! };
    const events: LoadProgress[] = [];
    const { totalBytes } = await loadWeights(silent, (p) => events.push({ ...p }));
    expect(events.at(-1)!.loaded).toBe(totalBytes);
  });
});

describe('loadWeights failures', () => {
  it('a missing model.json', () => expectFailure(new Map(), 'missing', /^weights\/tiny\/model\.json: not found/));

  it('a missing shard', () => {
    const files = tinyFiles();
    files.delete(SHARD2);
    return expectFailure(files, 'missing', /weights\/tiny\/group1-shard2of2\.bin: not found/);
  });

  it('a truncated shard', () => {
    const files = tinyFiles();
    files.set(SHARD2, files.get(SHARD2)!.subarray(0, 1000));
    return expectFailure(files, 'truncated', /group1-shard2of2\.bin: truncated: 1000 of 2455168 bytes/);
  });

  it('a shard with extra bytes', () => {
    const files = tinyFiles();
    files.set(SHARD2, new Uint8Array(files.get(SHARD2)!.length + 2));
    return expectFailure(files, 'bad-length', /group1-shard2of2\.bin: has 2455170 bytes, model.json says 2455168/);
  });

  it('a shard with one byte changed', () => {
    const files = tinyFiles();
    files.get('group1-shard1of2.bin')![4242] ^= 1;
    return expectFailure(files, 'bad-hash', /group1-shard1of2\.bin: bad SHA-256/);
  });

  it('an HTML page in place of a shard', () => {
    const files = tinyFiles();
    files.set(SHARD2, html);
    return expectFailure(files, 'not-weights', /group1-shard2of2\.bin: got an HTML page, not weights/);
  });

  it('an HTML page in place of model.json', () => {
    const files = tinyFiles();
    files.set('model.json', html);
    return expectFailure(files, 'not-weights', /model\.json: got an HTML page, not weights/);
  });

  it('a tensor whose shape disagrees with the config', () =>
    expectFailure(
      withManifest(tinyFiles(), (m) => {
        m.weightsManifest[0].weights.find((w) => w.name === 'h.1.mlp.c_fc.weight')!.shape = [256, 64];
      }),
      'wrong-shape',
      /model\.json: tensor h\.1\.mlp\.c_fc\.weight has shape \[256, 64\] but the config needs \[64, 256\]/,
    ));

  it('a config that disagrees with the tensors', () =>
    expectFailure(
      withManifest(tinyFiles(), (m) => {
        m.config.n_positions = 1024;
      }),
      'wrong-shape',
      /tensor wpe\.weight has shape \[128, 64\] but the config needs \[1024, 64\]/,
    ));

  it('a required tensor that is not listed', () =>
    expectFailure(
      withManifest(tinyFiles(), (m) => {
        m.config.n_layer = 3;
      }),
      'missing-tensor',
      /tensor h\.2\.ln_1\.weight is missing/,
    ));

  it('tensors that do not fill the shards', () =>
    expectFailure(
      withManifest(tinyFiles(), (m) => {
        m.shards[1].bytes += 2;
      }),
      'bad-manifest',
      /group 1's tensors take 6649472 bytes but its shards hold 6649474/,
    ));

  it.each([
    ['another kind of model.json', { format: 'layers-model', weightsManifest: [] }, /not a GPT-2 weights manifest/],
    ['a newer format version', { formatVersion: 99 }, /format version 99 is not supported/],
    ['no shard list', { shards: undefined }, /has no "shards" list/],
    [
      'a shard path that leaves the folder',
      { shards: [{ path: '../secret', bytes: 1, sha256: 'a'.repeat(64) }] },
      /without a plain file name/,
    ],
  ])('%s', (_what, patch, message) =>
    expectFailure(
      withManifest(tinyFiles(), (m) => Object.assign(m, patch)),
      'bad-manifest',
      message,
    ),
  );

  it('a quantization other than float16', () =>
    expectFailure(
      withManifest(tinyFiles(), (m) => {
        (m.weightsManifest[0].weights[3].quantization as { dtype: string }).dtype = 'uint8';
      }),
      'bad-manifest',
      /is stored as uint8; only float16-quantized float32 weights are supported/,
    ));

  it('a source that fails in its own way', async () => {
    const broken: FileSource = {
      describe: () => 'somewhere',
      read: async () => Promise.reject(new Error('disk on fire')),
    };
    const error = await loadError(broken);
    expect(error.kind).toBe('unreadable');
    expect(error.message).toBe('somewhere/model.json: could not be read (disk on fire)');
  });
});
