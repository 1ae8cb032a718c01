/**
 * What `npm run bench` needs before it starts, checked all at once so that a fresh machine
 * learns everything that is missing from one attempt, each on one line saying what to
 * install or run, instead of failing twenty seconds in on the first of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { manifestParameterCount } from '../../src/analysis/param-tally';
import { CHROMIUM_PATH } from '../lib/chromium';
import { RANDOM_GPT2, type BenchOptions } from './options';
import { ONNX_DIR, WEIGHTS_DIR, onnxExported } from './prepare';

/** The Python modules tools/export_onnx.py imports. */
export const ONNX_EXPORT_MODULES = ['numpy', 'torch', 'transformers', 'onnx', 'onnxscript'];
/** The Python modules tools/bench_experiments.py imports. */
export const EXPERIMENT_MODULES = ['numpy', 'torch', 'transformers'];

/** GPT-2 small's weights, for sizing the export of gpt2-random before it has been made. */
const GPT2_SMALL_PARAMETERS = 124_439_808;
/** Two float32 graphs per model (last-position and all-position logits), each with every weight. */
const ONNX_BYTES_PER_PARAMETER = 2 * 4;
/** Slack over the estimate: the graphs' own protobufs and the exporter's temporary files. */
const DISK_SLACK = 1.1;

/** Where the checks look; the real machine's by default, a fake one in tests. */
export interface Machine {
  exists(path: string): boolean;
  /** The manifest (model.json) of a folder under weights/, or null when it is absent. */
  manifest(model: string): { weightsManifest: { weights: { shape: number[] }[] }[] } | null;
  /** Which of these Python modules python3 cannot find; null when python3 itself does not run. */
  missingPythonModules(modules: string[]): string[] | null;
  /** Bytes free on the file system holding `dir` (or its nearest existing parent). */
  freeBytes(dir: string): number;
}

/** Everything the run needs, derived from its options. */
export interface Needs {
  models: string[];
  /** Models whose ONNX graphs the peer needs and which are not exported yet. */
  exports: string[];
  /** Whether the PyTorch experiments peer runs. */
  experiments: boolean;
  /** Whether onnxruntime-web is loaded (the peer). */
  peer: boolean;
}

export function needsOf(options: BenchOptions, machine: Machine): Needs {
  return {
    models: options.models,
    exports: options.peer ? options.models.filter((m) => !onnxExported(m, machine.exists)) : [],
    experiments: options.experiments && options.models.includes(RANDOM_GPT2),
    peer: options.peer,
  };
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** The pip line for the missing modules; torch's CPU build comes from PyTorch's own index. */
export function pipInstallLine(modules: string[]): string {
  const index = modules.includes('torch') ? ' --extra-index-url https://download.pytorch.org/whl/cpu' : '';
  return `python3 -m pip install ${modules.join(' ')}${index}`;
}

/** One line per missing prerequisite, saying what to install or run; empty when all is there. */
export function missingPrerequisites(needs: Needs, machine: Machine): string[] {
  const problems: string[] = [];
  if (!machine.exists(CHROMIUM_PATH))
    problems.push(`Chromium is missing at ${CHROMIUM_PATH}: install it (on Debian: apt-get install chromium)`);
  if (needs.peer && !machine.exists('node_modules/onnxruntime-web/dist'))
    problems.push('onnxruntime-web is missing from node_modules: run npm install');

  for (const model of needs.models) {
    if (machine.manifest(model) !== null) continue;
    problems.push(
      model === RANDOM_GPT2
        ? `${WEIGHTS_DIR}/${RANDOM_GPT2} is missing: run npm run make-random-gpt2 (about 250 MB, a minute)`
        : `--models: ${join(WEIGHTS_DIR, model, 'model.json')} does not exist`,
    );
  }

  const modules = [
    ...new Set([
      ...(needs.exports.length > 0 ? ONNX_EXPORT_MODULES : []),
      ...(needs.experiments ? EXPERIMENT_MODULES : []),
    ]),
  ];
  if (modules.length > 0) {
    const why = [needs.exports.length > 0 ? 'the ONNX export' : '', needs.experiments ? 'the PyTorch experiments' : '']
      .filter((s) => s !== '')
      .join(' and ');
    const missing = machine.missingPythonModules(modules);
    if (missing === null)
      problems.push(`python3 does not run; ${why} need it: install Python 3, then ${pipInstallLine(modules)}`);
    else if (missing.length > 0)
      problems.push(`Python packages missing for ${why} (${missing.join(', ')}): ${pipInstallLine(missing)}`);
  }

  if (needs.exports.length > 0) {
    const parameters = needs.exports.map((m) => {
      const manifest = machine.manifest(m);
      return manifest ? manifestParameterCount(manifest) : GPT2_SMALL_PARAMETERS;
    });
    const need = DISK_SLACK * ONNX_BYTES_PER_PARAMETER * parameters.reduce((a, b) => a + b, 0);
    const free = machine.freeBytes(ONNX_DIR);
    if (free < need)
      problems.push(
        `not enough disk for the ONNX graphs of ${needs.exports.join(', ')} in ${ONNX_DIR}: ` +
          `${gb(need)} needed, ${gb(free)} free; free some space or run with --skip-peer`,
      );
  }
  return problems;
}

/** The nearest existing folder at or above `dir`. */
function existingParent(dir: string): string {
  let at = dir;
  while (!existsSync(at) && at !== '.' && at !== '/') at = join(at, '..');
  return at;
}

/** This machine. */
export const thisMachine: Machine = {
  exists: existsSync,
  manifest(model) {
    const path = join(WEIGHTS_DIR, model, 'model.json');
    if (!existsSync(path)) return null;
    return JSON.parse(readFileSync(path, 'utf8')) as ReturnType<Machine['manifest']>;
  },
  missingPythonModules(modules) {
    // find_spec locates a module without importing it, so torch's seconds of start-up are not paid here.
    const code = `import importlib.util, json, sys; print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]))`;
    const result = spawnSync('python3', ['-c', code, ...modules], { encoding: 'utf8' });
    if (result.status !== 0) return null;
    return JSON.parse(result.stdout) as string[];
  },
  freeBytes(dir) {
    const fs = statfsSync(existingParent(dir));
    return fs.bavail * fs.bsize;
  },
};
