/**
 * Parses and checks a model.json before any shard is fetched: that it is our format,
 * that the config is sound, that every tensor the config needs is listed with the
 * right shape, and that each group's shards hold exactly its tensors' bytes.
 */
import { parseConfig, type GPT2Config } from '../model/config';
import { elementCount } from './safetensors';
import { looksLikeHtml, WeightsError, type WeightsErrorKind } from './weights-error';
import {
  BYTES_PER_HALF,
  expectedShapes,
  FORMAT_NAME,
  FORMAT_VERSION,
  formatShape,
  sameShape,
  type ShardInfo,
} from './weights-format';

/** One tensor's place in a group's byte stream. */
export interface TensorLayout {
  name: string;
  shape: number[];
}

/** A manifest group: its shards in order, and its tensors in the order their bytes follow each other. */
export interface GroupLayout {
  shards: ShardInfo[];
  tensors: TensorLayout[];
}

export interface Manifest {
  config: GPT2Config;
  name: string;
  groups: GroupLayout[];
  totalBytes: number;
}

const SAFE_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** `file` names model.json in messages (with its location). */
export function readManifest(bytes: Uint8Array, file: string): Manifest {
  const fail = (kind: WeightsErrorKind, what: string): never => {
    throw new WeightsError(kind, file, `${file}: ${what}`);
  };

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    fail('not-weights', looksLikeHtml(bytes) ? 'got an HTML page, not weights' : 'not valid JSON, so not a model.json');
  }
  if (!isObj(json)) return fail('not-weights', 'not a JSON object, so not a model.json');
  if (json.format !== FORMAT_NAME || !Array.isArray(json.weightsManifest)) {
    fail(
      'bad-manifest',
      `not a GPT-2 weights manifest (expected "format": "${FORMAT_NAME}"; convert the model with npm run convert)`,
    );
  }
  if (typeof json.formatVersion !== 'number' || json.formatVersion > FORMAT_VERSION) {
    fail(
      'bad-manifest',
      `format version ${String(json.formatVersion)} is not supported (this app reads version ${FORMAT_VERSION})`,
    );
  }

  const stored = isObj(json.config) ? json.config : fail('bad-manifest', 'has no "config" object');
  if (stored.model_type !== 'gpt2')
    fail('bad-manifest', `config.model_type is ${JSON.stringify(stored.model_type)}, not "gpt2"`);
  let config: GPT2Config;
  try {
    config = parseConfig(stored);
  } catch (e) {
    return fail('bad-manifest', (e as Error).message);
  }
  const name = typeof stored.name === 'string' && stored.name !== '' ? stored.name : 'unnamed model';

  const shardInfo = readShardList(json.shards, fail);
  const groups = (json.weightsManifest as unknown[]).map((g, i) => readGroup(g, i + 1, shardInfo, fail));
  checkTensors(config, groups, fail);

  const listed = new Set(groups.flatMap((g) => g.shards.map((s) => s.path)));
  for (const path of shardInfo.keys())
    if (!listed.has(path)) fail('bad-manifest', `shard ${path} is in "shards" but in no weightsManifest group`);
  const totalBytes = [...shardInfo.values()].reduce((a, s) => a + s.bytes, 0);
  return { config, name, groups, totalBytes };
}

type Fail = (kind: WeightsErrorKind, what: string) => never;

function readShardList(raw: unknown, fail: Fail): Map<string, ShardInfo> {
  if (!Array.isArray(raw)) fail('bad-manifest', 'has no "shards" list (byte lengths and SHA-256 of the shard files)');
  const out = new Map<string, ShardInfo>();
  for (const s of raw as unknown[]) {
    const path = isObj(s) ? s.path : undefined;
    if (!isObj(s) || typeof path !== 'string' || !SAFE_FILE_NAME.test(path)) {
      fail('bad-manifest', `"shards" has an entry without a plain file name: ${JSON.stringify(s)}`);
    }
    const { bytes, sha256 } = s as Obj;
    if (!isCount(bytes)) fail('bad-manifest', `shard ${path as string} has no valid byte length`);
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256))
      fail('bad-manifest', `shard ${path as string} has no valid sha256`);
    if (out.has(path as string)) fail('bad-manifest', `shard ${path as string} is listed twice`);
    out.set(path as string, { path: path as string, bytes: bytes as number, sha256: sha256 as string });
  }
  return out;
}

function readGroup(raw: unknown, index: number, shardInfo: Map<string, ShardInfo>, fail: Fail): GroupLayout {
  const g = isObj(raw) ? raw : fail('bad-manifest', `weightsManifest group ${index} is not an object`);
  if (!Array.isArray(g.paths) || !Array.isArray(g.weights))
    fail('bad-manifest', `weightsManifest group ${index} needs "paths" and "weights" lists`);
  const shards = (g.paths as unknown[]).map((p) => {
    const info = typeof p === 'string' ? shardInfo.get(p) : undefined;
    return info ?? fail('bad-manifest', `shard ${JSON.stringify(p)} of group ${index} has no entry in "shards"`);
  });
  const tensors = (g.weights as unknown[]).map((w): TensorLayout => {
    const e = isObj(w) ? w : fail('bad-manifest', `group ${index} has a weight entry that is not an object`);
    const name =
      typeof e.name === 'string' ? e.name : fail('bad-manifest', `group ${index} has a weight without a name`);
    if (!Array.isArray(e.shape) || !e.shape.every(isCount)) fail('bad-manifest', `tensor ${name} has no valid shape`);
    const q = isObj(e.quantization) ? e.quantization.dtype : undefined;
    if (e.dtype !== 'float32' || q !== 'float16') {
      fail(
        'bad-manifest',
        `tensor ${name} is stored as ${String(q ?? e.dtype)}; only float16-quantized float32 weights are supported`,
      );
    }
    return { name, shape: e.shape as number[] };
  });
  const need = tensors.reduce((a, t) => a + elementCount(t.shape) * BYTES_PER_HALF, 0);
  const have = shards.reduce((a, s) => a + s.bytes, 0);
  if (need !== have) fail('bad-manifest', `group ${index}'s tensors take ${need} bytes but its shards hold ${have}`);
  return { shards, tensors };
}

function checkTensors(config: GPT2Config, groups: GroupLayout[], fail: Fail): void {
  const shapes = expectedShapes(config);
  const seen = new Set<string>();
  for (const t of groups.flatMap((g) => g.tensors)) {
    const want = shapes.get(t.name);
    if (!want) fail('bad-manifest', `lists tensor ${t.name}, which is not part of GPT-2`);
    if (seen.has(t.name)) fail('bad-manifest', `lists tensor ${t.name} twice`);
    if (!sameShape(t.shape, want!)) {
      fail(
        'wrong-shape',
        `tensor ${t.name} has shape ${formatShape(t.shape)} but the config needs ${formatShape(want!)}`,
      );
    }
    seen.add(t.name);
  }
  for (const name of shapes.keys())
    if (!seen.has(name)) fail('missing-tensor', `tensor ${name} is missing (the config has ${config.n_layer} layers)`);
}
