import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvertError, convertCheckpoint } from '../../src/weights/convert';
import { fromHalfBits, toHalfBits } from '../../src/weights/fp16';
import { memorySource } from '../../src/weights/sources';
import { loadWeights } from '../../src/weights/weights';
import { sha256Hex } from '../../src/weights/weights-format';
import { makeCheckpoint, SMALL_CONFIG, type Checkpoint } from './checkpoint-builder';

const toHalf = (x: number) => fromHalfBits(toHalfBits(x));

async function convertAndLoad(ckpt: Checkpoint, shardBytes?: number) {
  const packed = await convertCheckpoint(ckpt.configJson, ckpt.bytes, { name: 'test model', shardBytes });
  const files = new Map(packed.shards.map((s) => [s.path, s.bytes]));
  files.set('model.json', new TextEncoder().encode(JSON.stringify(packed.modelJson)));
  return { packed, loaded: await loadWeights(memorySource(files)) };
}

/** Names of tensors whose loaded values are not exactly the float16 rounding of the source. */
function mismatches(ckpt: Checkpoint, tensors: Map<string, { data: Float32Array }>): string[] {
  const bad: string[] = [];
  for (const [name, source] of ckpt.values) {
    const got = tensors.get(name)?.data;
    if (!got || got.length !== source.length || source.some((x, i) => toHalf(x) !== got[i])) bad.push(name);
  }
  return bad;
}

describe('convertCheckpoint', () => {
  it.each([
    ['F32', true],
    ['F32', false],
    ['F16', true],
    ['BF16', false],
  ] as const)(
    'round-trips a %s checkpoint (transformer. prefix: %s): every tensor is the float16 rounding of the source',
    async (dtype, prefix) => {
      const ckpt = makeCheckpoint(SMALL_CONFIG, { dtype, prefix, seed: 7 });
      const { loaded } = await convertAndLoad(ckpt);
      expect(loaded.tensors.size).toBe(ckpt.values.size);
      expect(mismatches(ckpt, loaded.tensors)).toEqual([]);
      expect(loaded.config).toEqual(SMALL_CONFIG);
      expect(loaded.name).toBe('test model');
    },
  );

  it('rounds float32 sources (the test would pass trivially if no value needed rounding)', () => {
    const ckpt = makeCheckpoint(SMALL_CONFIG, { dtype: 'F32' });
    const changed = [...ckpt.values.values()].flatMap((v) => [...v]).filter((x) => toHalf(x) !== x).length;
    expect(changed).toBeGreaterThan(1000);
  });

  it('splits into shards of the requested size, even mid-value, and records their lengths and hashes', async () => {
    const ckpt = makeCheckpoint(SMALL_CONFIG, { seed: 3 });
    const { packed, loaded } = await convertAndLoad(ckpt, 333);
    expect(packed.shards.length).toBeGreaterThan(10);
    expect(packed.shards.slice(0, -1).every((s) => s.bytes.length === 333)).toBe(true);
    expect(packed.modelJson.weightsManifest[0].paths).toEqual(packed.shards.map((s) => s.path));
    for (const [i, s] of packed.shards.entries()) {
      expect(packed.modelJson.shards[i]).toEqual({
        path: s.path,
        bytes: s.bytes.length,
        sha256: await sha256Hex(s.bytes),
      });
    }
    expect(mismatches(ckpt, loaded.tensors)).toEqual([]);
  });

  it('writes a TF.js float16 manifest with the config, model type and name', async () => {
    const { packed } = await convertAndLoad(makeCheckpoint());
    const json = packed.modelJson;
    expect(json.config).toEqual({ ...SMALL_CONFIG, model_type: 'gpt2', name: 'test model' });
    expect(json.weightsManifest[0].weights[0]).toEqual({
      name: 'wte.weight',
      shape: [SMALL_CONFIG.vocab_size, SMALL_CONFIG.n_embd],
      dtype: 'float32',
      quantization: { dtype: 'float16' },
    });
    expect(packed.parameters).toBe(
      json.weightsManifest[0].weights.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0),
    );
  });

  it('drops a tied lm_head and the attention mask buffers', async () => {
    const ckpt = makeCheckpoint(SMALL_CONFIG, { lmHead: 'tied', maskBuffers: true });
    const { packed, loaded } = await convertAndLoad(ckpt);
    const names = packed.modelJson.weightsManifest[0].weights.map((w) => w.name);
    expect(names.some((n) => n.includes('lm_head') || /\.attn\.(bias|masked_bias)$/.test(n))).toBe(false);
    expect(mismatches(ckpt, loaded.tensors)).toEqual([]);
  });

  const rejects = async (ckpt: { configJson: unknown; bytes: Uint8Array }, message: RegExp) => {
    const error = await convertCheckpoint(ckpt.configJson, ckpt.bytes, { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvertError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  };

  it('rejects an untied lm_head', () =>
    rejects(makeCheckpoint(SMALL_CONFIG, { lmHead: 'untied' }), /lm_head.weight differs from wte.weight/));

  it('rejects a config whose shapes disagree with the tensors', () => {
    const ckpt = makeCheckpoint();
    return rejects(
      { ...ckpt, configJson: { ...ckpt.configJson, n_positions: 32 } },
      /shape mismatch: wpe.weight is \[16, 8\], config.json implies \[32, 8\]/,
    );
  });

  it('rejects a missing tensor and a foreign one', () => {
    const small = makeCheckpoint();
    const fewer = makeCheckpoint({ ...SMALL_CONFIG, n_layer: 1 });
    return Promise.all([
      rejects({ configJson: small.configJson, bytes: fewer.bytes }, /tensor h\.1\.ln_1\.weight is missing/),
      rejects({ configJson: fewer.configJson, bytes: small.bytes }, /unexpected tensor h\.1\./),
    ]);
  });

  it.each([
    [{ n_embd: 9 }, /n_embd \(9\) is not divisible by n_head/],
    [{ n_layer: undefined }, /"n_layer" is missing/],
    [{ activation_function: 'relu' }, /activation_function is "relu"/],
    [{ model_type: 'llama' }, /model_type is "llama"/],
    [{ n_inner: 100 }, /n_inner is 100/],
  ])('rejects config %j', (patch, message) => {
    const ckpt = makeCheckpoint();
    return rejects({ ...ckpt, configJson: { ...ckpt.configJson, ...patch } }, message);
  });

  it('rejects bytes that are not safetensors', () =>
    rejects(
      { configJson: makeCheckpoint().configJson, bytes: new TextEncoder().encode('<html>oops</html>') },
      /model.safetensors: not a safetensors file/,
    ));
});

const HF_FIXTURE = 'tests/fixtures/tiny-gpt2-hf';

// The HF checkpoint is git-ignored (regenerated by tools/make_tiny_fixture.py, which needs Python).
describe.skipIf(!existsSync(join(HF_FIXTURE, 'model.safetensors')))('the tiny-random fixture', () => {
  it('is exactly what converting tests/fixtures/tiny-gpt2-hf gives', async () => {
    const config = JSON.parse(readFileSync(join(HF_FIXTURE, 'config.json'), 'utf8'));
    const packed = await convertCheckpoint(config, readFileSync(join(HF_FIXTURE, 'model.safetensors')), {
      name: 'tiny-random',
    });
    const committed = JSON.parse(readFileSync('weights/tiny-random/model.json', 'utf8'));
    expect(packed.modelJson).toEqual(committed);
  });
});
