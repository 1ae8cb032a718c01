/**
 * Opens a model folder for a CLI: read and check the weights, pick a TF.js backend, build
 * the runtime. Split in two so a CLI can check the prompt against the config before the
 * (slower, noisier) backend start-up.
 */
import { existsSync, statSync } from 'node:fs';
import { enableProdMode } from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import type { GPT2Config } from '../../src/model/config';
import { dirSource } from '../../src/node/node-source';
import { selectBackend } from '../../src/model/backend';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { loadWeights, WeightsError } from '../../src/weights/weights';
import type { BackendName, GPT2Runtime, WeightTensor } from '../../src/model/types';
import { CliError } from './cli-error';

export interface LoadedWeights {
  dir: string;
  config: GPT2Config;
  tensors: Map<string, WeightTensor>;
}

export async function readModel(dir: string): Promise<LoadedWeights> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`model directory not found: ${dir}`);
  if (!existsSync(join(dir, 'model.json'))) throw new CliError(`no model.json in ${dir}: not a model folder`);
  try {
    const { config, tensors } = await loadWeights(dirSource(dir));
    return { dir, config, tensors };
  } catch (error) {
    if (error instanceof WeightsError) throw new CliError(error.message);
    throw error;
  }
}

/** Backends a CLI may ask for. WebGL needs a browser. */
export const NODE_BACKENDS: BackendName[] = ['wasm', 'cpu'];

export function parseBackend(name: string | undefined): BackendName[] {
  // wasm is about 30x faster than cpu in Node; cpu is the fallback when wasm cannot start.
  if (name === undefined) return NODE_BACKENDS;
  if (!(NODE_BACKENDS as string[]).includes(name)) {
    throw new CliError(`--backend must be one of ${NODE_BACKENDS.join(', ')}, got "${name}" (see --help)`, 2);
  }
  return [name as BackendName];
}

export async function startRuntime(weights: LoadedWeights, preferred: BackendName[]): Promise<GPT2Runtime> {
  // Production mode only silences TF.js's console notices (such as "install tfjs-node"),
  // which would mix with the CLI's output and its one-line errors.
  enableProdMode();
  await selectBackend(preferred, { wasmPaths: nodeWasmPaths() });
  return createRuntime(weights.config, weights.tensors);
}

/** "2 layers, 2 heads, n_embd 64, 1024 positions" */
export function describeConfig(c: GPT2Config): string {
  return `${c.n_layer} layers, ${c.n_head} heads, n_embd ${c.n_embd}, ${c.n_positions} positions, vocabulary ${c.vocab_size}`;
}
