/**
 * Hugging Face GPT-2 checkpoint (config.json + model.safetensors) -> our weights format.
 * Pure: bytes in, bytes out, so it runs in Node (scripts/convert.ts) and in the browser
 * on a downloaded checkpoint.
 *
 * Names lose the "transformer." prefix; Conv1D weights stay [in, out]; the attention
 * mask buffers (attn.bias, attn.masked_bias) are skipped; lm_head.weight, when present,
 * must equal wte.weight (GPT-2 ties them) and is dropped.
 */
import { parseConfig, type GPT2Config } from '../model/config';
import { float32ToFloat16 } from './fp16';
import { packWeights, type PackedWeights } from './pack-weights';
import { parseSafetensors, SafetensorsError, tensorToFloat32, type SafetensorsTensor } from './safetensors';
import { expectedShapes, formatShape, sameShape } from './weights-format';

export class ConvertError extends Error {
  override name = 'ConvertError';
}

const PREFIX = 'transformer.';
const LM_HEAD = 'lm_head.weight';
const isMaskBuffer = (name: string): boolean => /\.attn\.(bias|masked_bias)$/.test(name);

export interface ConvertOptions {
  /** Name shown for the model in the app. */
  name: string;
  /** Shard size in bytes (default 4 MiB, as TF.js). */
  shardBytes?: number;
}

export async function convertCheckpoint(
  configJson: unknown,
  safetensorsBytes: Uint8Array,
  options: ConvertOptions,
): Promise<PackedWeights> {
  const config = readConfig(configJson);
  const tensors = readTensors(safetensorsBytes);
  checkTensors(config, tensors);
  return packWeights(config, options.name, (name, _shape, out) => narrow(tensors.get(name)!, out), options.shardBytes);
}

/** The GPT2Config of a Hugging Face config.json, refusing variants our runtime would compute wrongly. */
function readConfig(json: unknown): GPT2Config {
  let config: GPT2Config;
  try {
    config = parseConfig(json);
  } catch (e) {
    throw new ConvertError(`config.json: ${(e as Error).message}`);
  }
  const src = json as Record<string, unknown>;
  const refuse = (what: string) => {
    throw new ConvertError(`config.json: ${what}; only standard GPT-2 is supported`);
  };
  if (src.model_type !== undefined && src.model_type !== 'gpt2') refuse(`model_type is "${String(src.model_type)}"`);
  const act = src.activation_function;
  if (act !== undefined && act !== 'gelu_new') refuse(`activation_function is "${String(act)}", not gelu_new`);
  const inner = src.n_inner;
  if (inner !== undefined && inner !== null && inner !== 4 * config.n_embd)
    refuse(`n_inner is ${String(inner)}, not 4 x n_embd`);
  if (src.scale_attn_by_inverse_layer_idx === true) refuse('scale_attn_by_inverse_layer_idx is set');
  if (src.scale_attn_weights === false) refuse('scale_attn_weights is off');
  return config;
}

/** The checkpoint's tensors under our names, without mask buffers or a tied lm_head. */
function readTensors(bytes: Uint8Array): Map<string, SafetensorsTensor> {
  let raw: Map<string, SafetensorsTensor>;
  try {
    raw = parseSafetensors(bytes).tensors;
  } catch (e) {
    if (e instanceof SafetensorsError) throw new ConvertError(`model.safetensors: ${e.message}`);
    throw e;
  }
  const out = new Map<string, SafetensorsTensor>();
  for (const [fullName, t] of raw) {
    const name = fullName.startsWith(PREFIX) ? fullName.slice(PREFIX.length) : fullName;
    if (isMaskBuffer(name)) continue;
    out.set(name, t);
  }
  const lmHead = out.get(LM_HEAD);
  if (lmHead) {
    const wte = out.get('wte.weight');
    if (wte && !sameValues(lmHead, wte)) {
      throw new ConvertError(
        'model.safetensors: lm_head.weight differs from wte.weight; untied output embeddings are not supported',
      );
    }
    out.delete(LM_HEAD);
  }
  return out;
}

function sameValues(a: SafetensorsTensor, b: SafetensorsTensor): boolean {
  if (!sameShape(a.shape, b.shape)) return false;
  const x = tensorToFloat32(a);
  const y = tensorToFloat32(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function checkTensors(config: GPT2Config, tensors: Map<string, SafetensorsTensor>): void {
  const shapes = expectedShapes(config);
  for (const [name, shape] of shapes) {
    const t = tensors.get(name);
    if (!t) throw new ConvertError(`model.safetensors: tensor ${name} is missing`);
    if (!sameShape(t.shape, shape)) {
      throw new ConvertError(
        `model.safetensors: shape mismatch: ${name} is ${formatShape(t.shape)}, config.json implies ${formatShape(shape)}`,
      );
    }
  }
  for (const name of tensors.keys()) {
    if (!shapes.has(name)) throw new ConvertError(`model.safetensors: unexpected tensor ${name} (not part of GPT-2)`);
  }
}

/** Writes a tensor as float16 bit patterns; F16 input is copied as is, F32 and BF16 are rounded. */
function narrow(t: SafetensorsTensor, out: Uint16Array): void {
  if (t.dtype === 'F16') new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(t.bytes);
  else float32ToFloat16(tensorToFloat32(t), out);
}
