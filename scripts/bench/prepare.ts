/**
 * Reads the models the bench runs and makes what the peer needs and the repository does
 * not commit: each model's ONNX export (tools/export_onnx.py), reused once it exists.
 * What cannot be made here (the weights themselves, Python, disk) is checked beforehand
 * by prerequisites.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../lib/cli-error';
import type { GPT2Config } from '../../src/model/config';

export const WEIGHTS_DIR = 'weights';
export const ONNX_DIR = 'bench-results/onnx';
const ONNX_FILES = ['logits-last.onnx', 'logits-last.onnx.data', 'logits-all.onnx', 'logits-all.onnx.data'];

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new CliError(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** The model's config from its model.json. */
export function readModelConfig(name: string): GPT2Config {
  const manifest = join(WEIGHTS_DIR, name, 'model.json');
  if (!existsSync(manifest)) throw new CliError(`--models: ${manifest} does not exist`);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { config: GPT2Config }).config;
}

/** Whether the model's ONNX graphs are all there. */
export const onnxExported = (name: string, exists: (path: string) => boolean = existsSync): boolean =>
  ONNX_FILES.every((f) => exists(join(ONNX_DIR, name, f)));

/** The folder holding the model's ONNX graphs, exported when missing. */
export function ensureOnnx(name: string): string {
  const out = join(ONNX_DIR, name);
  if (!onnxExported(name)) {
    console.log(`exporting ${name} to ONNX in ${out} (tools/export_onnx.py)`);
    run('python3', ['tools/export_onnx.py', join(WEIGHTS_DIR, name), out], 'ONNX export');
  }
  return out;
}
