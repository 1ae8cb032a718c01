/**
 * Makes what the bench needs and the repository does not commit: the GPT-2-shaped random
 * weights (npm run make-random-gpt2) and each model's ONNX export for the peer
 * (tools/export_onnx.py). Existing files are reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../lib/cli-error';
import { RANDOM_GPT2 } from './options';
import type { GPT2Config } from '../../src/model/config';

export const WEIGHTS_DIR = 'weights';
export const ONNX_DIR = 'bench-results/onnx';
const ONNX_FILES = ['logits-last.onnx', 'logits-last.onnx.data', 'logits-all.onnx', 'logits-all.onnx.data'];

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new CliError(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** The model's config from its model.json; makes gpt2-random when it is missing. */
export function ensureModel(name: string): GPT2Config {
  const manifest = join(WEIGHTS_DIR, name, 'model.json');
  if (!existsSync(manifest) && name === RANDOM_GPT2) {
    console.log(`making ${manifest} (npm run make-random-gpt2)`);
    run('npx', ['tsx', 'scripts/make-random-gpt2.ts'], 'make-random-gpt2');
  }
  if (!existsSync(manifest)) throw new CliError(`--models: ${manifest} does not exist`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { config: GPT2Config }).config;
}

/** The folder holding the model's ONNX graphs, exported when missing. */
export function ensureOnnx(name: string): string {
  const out = join(ONNX_DIR, name);
  if (!ONNX_FILES.every((f) => existsSync(join(out, f)))) {
    console.log(`exporting ${name} to ONNX in ${out} (tools/export_onnx.py)`);
    run('python3', ['tools/export_onnx.py', join(WEIGHTS_DIR, name), out], 'ONNX export');
  }
  return out;
}
