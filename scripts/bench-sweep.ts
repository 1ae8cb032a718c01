/**
 * Times activation-patching sweeps on GPT-2-small-shaped weights in Node (wasm): the
 * runtime's incremental sweep (patching-sweep.ts) against re-running the model once per
 * cell (the patched forward pass from the embeddings, the clean activations computed once),
 * and checks that the two give the same cells.
 *
 * Usage: npx tsx scripts/bench-sweep.ts [--model weights/gpt2-random] [--tokens 16] [--repeats 3]
 *        [--hooks hook_resid_pre,hook_attn_out,hook_mlp_out,attn.hook_z]
 * (make the weights first with `npm run make-random-gpt2`). A benchmark, not a test.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/model/backend';
import { embed } from '../src/model/forward';
import { applyEdit } from '../src/model/interventions/apply-edit';
import { editedStream } from '../src/model/interventions/edited-stream';
import { checkEdit } from '../src/model/interventions/edits';
import { patchingSweep, SWEEP_HOOKS, type SweepHook } from '../src/model/interventions/patching-sweep';
import { createModelTensors, disposeModelTensors, type ModelTensors } from '../src/model/model-tensors';
import { dirSource } from '../src/node/node-source';
import { nodeWasmPaths } from '../src/node/node-wasm';
import { layerNorm } from '../src/model/ops';
import type { GPT2Config } from '../src/model/config';
import { tokenEmbeddings } from '../src/model/unembedding';
import { loadWeights } from '../src/weights/weights';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Wall and CPU milliseconds of fn (CPU time is the fairer figure on a shared machine). */
async function timed<T>(fn: () => Promise<T>): Promise<{ out: T; wall: number; cpu: number }> {
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { out, wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The clean run's activation at the hook of every layer, as the naive re-runs patch them in. */
function cleanActivations(m: ModelTensors, config: GPT2Config, ids: number[], hook: SweepHook): tf.Tensor[] {
  const seen: tf.Tensor[] = [];
  tf.tidy(() => {
    editedStream(m, config, embed(m, ids), {
      layer: (l) => (site, x) => {
        if (site === hook) seen[l] = tf.keep(x);
        return x;
      },
      input: (l, x) => {
        if (hook === 'hook_resid_pre') seen[l] = tf.keep(x);
        return x;
      },
    });
  });
  return seen;
}

/** One full patched forward pass per cell. */
async function naiveSweep(
  m: ModelTensors,
  config: GPT2Config,
  clean: number[],
  corrupted: number[],
  hook: SweepHook,
  u: tf.Tensor2D,
): Promise<number[][]> {
  const T = clean.length;
  const source = cleanActivations(m, config, clean, hook);
  const diffOf = (resid: tf.Tensor2D[]) =>
    tf.sum(tf.mul(layerNorm(tf.slice(resid[config.n_layer], [T - 1, 0], [1, -1]), m.lnf, 1e-5), u));
  const end = async (patched: (l: number) => ReturnType<typeof editedStream>) => {
    const out: number[] = [];
    for (let l = 0; l < config.n_layer; l++) {
      const d = tf.tidy(() => diffOf(patched(l)));
      out.push((await d.data())[0]);
      d.dispose();
    }
    return out;
  };
  const cols = hook === 'attn.hook_z' ? config.n_head : T;
  const [cleanDiff] = await end(() =>
    editedStream(m, config, embed(m, clean), { layer: () => null, input: (_, x) => x }),
  );
  const [corruptedDiff] = await end(() =>
    editedStream(m, config, embed(m, corrupted), { layer: () => null, input: (_, x) => x }),
  );
  const values: number[][] = [];
  try {
    for (let l = 0; l < config.n_layer; l++) {
      const row: number[] = [];
      for (let c = 0; c < cols; c++) {
        const select = hook === 'attn.hook_z' ? { heads: [c] } : { positions: [c] };
        const edit = checkEdit({ hook: `blocks.${l}.${hook}`, kind: 'patch', ...select }, config, T, T);
        const apply = (x: tf.Tensor) => applyEdit(edit, x, source[l]);
        const d = tf.tidy(() =>
          diffOf(
            editedStream(m, config, embed(m, corrupted), {
              layer: (j) => (j === l && hook !== 'hook_resid_pre' ? (site, x) => (site === hook ? apply(x) : x) : null),
              input: (j, x) => (j === l && hook === 'hook_resid_pre' ? (apply(x) as tf.Tensor2D) : x),
            }),
          ),
        );
        row.push(((await d.data())[0] - corruptedDiff) / (cleanDiff - corruptedDiff));
        d.dispose();
      }
      values.push(row);
    }
  } finally {
    tf.dispose(source);
  }
  return values;
}

async function main(): Promise<void> {
  const dir = flag('model', 'weights/gpt2-random');
  if (!existsSync(join(dir, 'model.json'))) {
    console.error(`no model at ${dir}: run \`npm run make-random-gpt2\` first`);
    process.exit(1);
  }
  const T = Number(flag('tokens', '16'));
  const repeats = Number(flag('repeats', '3'));
  const hooks = flag('hooks', SWEEP_HOOKS.join(',')).split(',') as SweepHook[];
  const backend = await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() });
  const { config, tensors } = await loadWeights(dirSource(dir));
  const m = createModelTensors(config, tensors);
  tensors.clear();
  // Deterministic ids; the corrupted prompt differs at one position, as in a name swap.
  const clean = Array.from({ length: T }, (_, i) => (i * 7919 + 13) % config.vocab_size);
  const corrupted = clean.map((id, i) => (i === T - 4 ? (id + 1) % config.vocab_size : id));
  const [answer, against] = [clean[T - 4], corrupted[T - 4]];
  const u = tf.tidy(() => {
    const cols = tokenEmbeddings(m.wU, [answer, against]);
    return tf.sub<tf.Tensor2D>(tf.slice(cols, [0, 0], [1, -1]), tf.slice(cols, [1, 0], [1, -1]));
  });
  console.log(
    `${dir}: ${config.n_layer} layers, ${config.n_head} heads, n_embd ${config.n_embd}; ${T} tokens; ${backend}; ` +
      `median of ${repeats} (ms, wall / CPU)`,
  );
  const before = tf.memory().numTensors;
  for (const hook of hooks) {
    const fast: { wall: number; cpu: number }[] = [];
    const slow: { wall: number; cpu: number }[] = [];
    let worst = 0;
    for (let r = 0; r < repeats; r++) {
      const a = await timed(() => patchingSweep(m, config, { clean, corrupted, answer, against, hook }));
      const b = await timed(() => naiveSweep(m, config, clean, corrupted, hook, u));
      fast.push(a);
      slow.push(b);
      a.out.values.forEach((row, l) => row.forEach((v, c) => (worst = Math.max(worst, Math.abs(v - b.out[l][c])))));
    }
    const cells = (hook === 'attn.hook_z' ? config.n_head : T) * config.n_layer;
    const w = (xs: { wall: number }[]) => median(xs.map((x) => x.wall));
    const c = (xs: { cpu: number }[]) => median(xs.map((x) => x.cpu));
    console.log(
      `${hook.padEnd(15)} ${String(cells).padStart(4)} cells  incremental ${w(fast).toFixed(0)} / ${c(fast).toFixed(0)}  ` +
        `re-run per cell ${w(slow).toFixed(0)} / ${c(slow).toFixed(0)}  speed-up ${(c(slow) / c(fast)).toFixed(1)}x (CPU)  ` +
        `largest cell difference ${worst.toExponential(1)}`,
    );
  }
  if (tf.memory().numTensors !== before) throw new Error(`${tf.memory().numTensors - before} tensors left behind`);
  u.dispose();
  disposeModelTensors(m);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
