import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../../scripts/lib/chromium';
import { parseBenchOptions, RANDOM_GPT2 } from '../../../scripts/bench/options';
import { ONNX_DIR } from '../../../scripts/bench/prepare';
import {
  missingPrerequisites,
  needsOf,
  pipInstallLine,
  thisMachine,
  type Machine,
} from '../../../scripts/bench/prerequisites';

const GPT2_SHAPE = { weightsManifest: [{ weights: [{ shape: [50257, 768] }, { shape: [124439808 - 50257 * 768] }] }] };
const TINY = { weightsManifest: [{ weights: [{ shape: [1000, 64] }] }] };

/** A machine with everything the default run needs; `change` takes parts away. */
function fakeMachine(change: Partial<Machine> = {}): Machine {
  return {
    exists: () => true,
    manifest: (model) => (model === RANDOM_GPT2 ? GPT2_SHAPE : TINY),
    missingPythonModules: () => [],
    freeBytes: () => 50e9,
    ...change,
  };
}

const check = (argv: string[], machine: Machine) =>
  missingPrerequisites(needsOf(parseBenchOptions(argv, 'tiny-random', 2), machine), machine);

describe('missingPrerequisites', () => {
  it('finds nothing missing on a complete machine', () => {
    expect(check([], fakeMachine())).toEqual([]);
  });

  it('reports every missing prerequisite at once, each on one line that says what to do', () => {
    const lines = check(
      [],
      fakeMachine({
        exists: (path) => path !== CHROMIUM_PATH && !path.startsWith(ONNX_DIR),
        manifest: (model) => (model === RANDOM_GPT2 ? null : TINY),
        missingPythonModules: (modules) => modules.filter((m) => m === 'onnx' || m === 'onnxscript'),
        freeBytes: () => 0.4e9,
      }),
    );
    expect(lines).toEqual([
      `Chromium is missing at ${CHROMIUM_PATH}: install it (on Debian: apt-get install chromium)`,
      'weights/gpt2-random is missing: run npm run make-random-gpt2 (about 250 MB, a minute)',
      'Python packages missing for the ONNX export and the PyTorch experiments (onnx, onnxscript): ' +
        'python3 -m pip install onnx onnxscript',
      `not enough disk for the ONNX graphs of tiny-random, gpt2-random in ${ONNX_DIR}: 1.1 GB needed, 0.4 GB free; ` +
        'free some space or run with --skip-peer',
    ]);
    for (const line of lines) expect(line).not.toMatch(/\n/);
  });

  it('asks for the Python packages only when an export or the experiments need them', () => {
    const noPython = fakeMachine({ missingPythonModules: () => null });
    expect(check(['--skip-peer', '--skip-experiments'], noPython)).toEqual([]);
    // The graphs are exported already: only the experiments need Python.
    expect(check(['--skip-peer'], noPython)).toEqual([
      'python3 does not run; the PyTorch experiments need it: install Python 3, then ' +
        'python3 -m pip install numpy torch transformers --extra-index-url https://download.pytorch.org/whl/cpu',
    ]);
    // Experiments run on GPT-2-shaped weights only.
    expect(check(['--models', 'tiny-random'], noPython)).toEqual([]);
  });

  it('sizes the disk check from the manifests of the models still to export', () => {
    const onlyTinyMissing = fakeMachine({
      exists: (path) => !path.startsWith(`${ONNX_DIR}/tiny-random`),
      freeBytes: () => 1e6,
    });
    // 64,000 weights, two float32 graphs, 10% slack: 0.56 MB, under the 1 MB free.
    expect(check(['--models', 'tiny-random'], onlyTinyMissing)).toEqual([]);
    expect(check(['--models', 'tiny-random'], { ...onlyTinyMissing, freeBytes: () => 0.5e6 })).toHaveLength(1);
  });

  it('names an unknown model folder', () => {
    expect(check(['--models', 'nope', '--skip-peer'], fakeMachine({ manifest: () => null }))).toEqual([
      '--models: weights/nope/model.json does not exist',
    ]);
  });
});

describe('pipInstallLine', () => {
  it("takes torch's CPU build from PyTorch's index, and nothing extra otherwise", () => {
    expect(pipInstallLine(['onnx'])).toBe('python3 -m pip install onnx');
    expect(pipInstallLine(['torch', 'transformers'])).toBe(
      'python3 -m pip install torch transformers --extra-index-url https://download.pytorch.org/whl/cpu',
    );
  });
});

describe('thisMachine', () => {
  it('reports a Python module that does not exist as missing', () => {
    const missing = thisMachine.missingPythonModules(['json', 'no_such_module_forward_pass']);
    // null only where python3 itself does not run, which the check then reports.
    if (missing !== null) expect(missing).toEqual(['no_such_module_forward_pass']);
  });
  it('measures free disk above a folder that does not exist yet', () => {
    expect(thisMachine.freeBytes('bench-results/no/such/folder')).toBeGreaterThan(0);
  });
});
