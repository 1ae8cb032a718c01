/**
 * npm run bench flags, and the default grid they narrow. The cpu backend is slow, so its
 * share of the default grid is limited (see cpuLengths).
 */
import { parseFlags, usage, wholeNumber } from '../lib/args';
import { CliError } from '../lib/cli-error';
import type { BackendName } from '../../src/model/types';

export const benchFlags = {
  backends: {
    kind: 'string',
    help: 'comma-separated TF.js backends (default: webgl,wasm,cpu; unavailable ones are reported and skipped)',
  },
  models: {
    kind: 'string',
    help: 'comma-separated folders under weights/ (default: the bundled model and gpt2-random)',
  },
  lengths: { kind: 'string', help: 'comma-separated prompt lengths in tokens (default: 16,64,256,1024)' },
  runs: { kind: 'number', help: 'timed runs per figure, after the warm-up (default: 5)' },
  warmup: { kind: 'number', help: 'seconds of warm-up per prompt length (default: 3)' },
  threads: {
    kind: 'number',
    help: 'wasm threads for both runtimes (default: the CPU cores this process may run on, so taskset -c 1 gives 1)',
  },
  'skip-peer': { kind: 'boolean', help: 'do not run onnxruntime-web' },
  'skip-ui': { kind: 'boolean', help: 'do not measure the app page (temperature, token click, long tasks)' },
  'skip-experiments': {
    kind: 'boolean',
    help: 'do not run the experiments (patching sweeps, ablation, attribution, induction) against PyTorch',
  },
  quick: {
    kind: 'boolean',
    help: 'the main rows only: gpt2-random on wasm at 64 tokens, against both peers, and the app page (under 10 min)',
  },
  publish: {
    kind: 'boolean',
    help: 'also write BENCHMARKS.md and benchmarks.json at the repository root (default only for the full grid)',
  },
  rerender: {
    kind: 'boolean',
    help: 'run nothing: render bench-results/results.json into the report again (with --publish, at the root too)',
  },
  help: { kind: 'boolean', help: 'show this help' },
} as const;

export const USAGE = usage(
  'bench',
  'Benchmarks the runtime in headless Chromium against onnxruntime-web on the same weights.',
  benchFlags,
);

const BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];
export const DEFAULT_LENGTHS = [16, 64, 256, 1024];
export const RANDOM_GPT2 = 'gpt2-random';

export interface BenchOptions {
  backends: BackendName[];
  /** Folder names under weights/. */
  models: string[];
  lengths: number[];
  runs: number;
  warmupSeconds: number;
  threads: number;
  peer: boolean;
  ui: boolean;
  /** Run the experiments rows (ours and the PyTorch peer) on GPT-2-shaped weights. */
  experiments: boolean;
  quick: boolean;
  /** Write the root BENCHMARKS.md and benchmarks.json. */
  publish: boolean;
  rerender: boolean;
  help: boolean;
}

function list(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new CliError(`--${flag} has an empty item: "${raw}" (see --help)`, 2);
  return items;
}

function lengthList(raw: string): number[] {
  return list('lengths', raw).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 2)
      throw new CliError(`--lengths: "${s}" is not a whole number >= 2 (see --help)`, 2);
    return n;
  });
}

function backendList(raw: string): BackendName[] {
  return list('backends', raw).map((s) => {
    if (!(BACKENDS as string[]).includes(s))
      throw new CliError(`--backends: unknown backend "${s}" (use ${BACKENDS.join(', ')})`, 2);
    return s as BackendName;
  });
}

/** What --quick narrows the grid to, unless a flag says otherwise. */
export const QUICK = { backends: ['wasm'] as BackendName[], models: [RANDOM_GPT2], lengths: [64] };

/** `bundled` is the default bundled model's folder name; `cores` the machine's core count. */
export function parseBenchOptions(argv: readonly string[], bundled: string, cores: number): BenchOptions {
  const f = parseFlags(argv, benchFlags);
  const quick = f.quick === true;
  const narrowed = quick || [f.backends, f.models, f.lengths, f.runs, f.warmup].some((v) => v !== undefined);
  const warmupSeconds = f.warmup ?? 3;
  if (!(warmupSeconds >= 0))
    throw new CliError(`--warmup must be 0 or more seconds, got ${warmupSeconds} (see --help)`, 2);
  return {
    backends: f.backends !== undefined ? backendList(f.backends) : quick ? QUICK.backends : BACKENDS,
    models: f.models !== undefined ? list('models', f.models) : quick ? QUICK.models : [bundled, RANDOM_GPT2],
    lengths: f.lengths !== undefined ? lengthList(f.lengths) : quick ? QUICK.lengths : DEFAULT_LENGTHS,
    runs: wholeNumber('runs', f.runs ?? 5, 1),
    warmupSeconds,
    threads: wholeNumber('threads', f.threads ?? cores, 1),
    peer: !f['skip-peer'],
    ui: !f['skip-ui'],
    experiments: !f['skip-experiments'],
    quick,
    publish: f.publish === true || (!narrowed && !f.rerender),
    rerender: f.rerender === true,
    help: f.help === true,
  };
}

/**
 * The prompt lengths to run on one backend and model: those within the model's context.
 * Without a GPU, WebGL runs on SwiftShader (software) and cpu is plain JavaScript: both take
 * minutes for a trace of GPT-2 small at 256 tokens, so on GPT-2 shape they run only the
 * short prompts, and cpu runs the bundled model up to 256 tokens.
 */
export function lengthsFor(backend: BackendName, model: string, lengths: number[], nPositions: number): number[] {
  const fit = lengths.filter((n) => n <= nPositions);
  if (backend === 'wasm') return fit;
  if (model === RANDOM_GPT2) return fit.filter((n) => n <= 64);
  return backend === 'cpu' ? fit.filter((n) => n <= 256) : fit;
}
