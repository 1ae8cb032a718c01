/**
 * Activation patching sweeps: for every (layer, position) of hook_resid_pre, hook_attn_out
 * or hook_mlp_out, or every (layer, head) of attn.hook_z, the clean prompt's activation is
 * put into the corrupted prompt's run, and the logit difference answer - against at the
 * last position is read. Each cell reports the share of the difference recovered:
 * (patched - corrupted) / (clean - corrupted).
 *
 * Incrementally, not by re-running the model per cell. A patch at layer l and position p
 * changes nothing before layer l and, attention being causal, nothing at positions before
 * p. So a cell starts from the corrupted run's residual stream at the first block it
 * changes, recomputes only positions p..T-1, and its queries read the corrupted run's keys
 * and values for positions before p. The cells of a start layer are batched: their rows are
 * stacked into one matrix and a mask keeps each cell's queries on the corrupted keys before
 * its p and its own new keys, so each block runs once per batch, not once per cell.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages } from '../block-stages';
import type { GPT2Config } from '../config';
import { blockForward, embed, type LayerCache } from '../forward';
import type { ModelTensors } from '../model-tensors';
import { attentionOutput, layerNorm, mlpParts } from '../ops';
import { tokenEmbeddings } from '../unembedding';
import { checkIds, checkTokenId } from '../validate';

export const SWEEP_HOOKS = ['hook_resid_pre', 'hook_attn_out', 'hook_mlp_out', 'attn.hook_z'] as const;
export type SweepHook = (typeof SWEEP_HOOKS)[number];

export interface PatchingSweepRequest {
  clean: number[];
  corrupted: number[];
  /** The answer token and the token it is contrasted with. */
  answer: number;
  against: number;
  hook: SweepHook;
}

export interface SweepOptions {
  /** Called after each batch with the cells done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the sweep before its next batch; it then rejects and leaves no tensor. */
  signal?: AbortSignal;
}

export interface PatchingSweep {
  hook: SweepHook;
  /** What the second index of `values` counts. */
  columns: 'position' | 'head';
  /** values[layer][position or head]: the normalised logit difference recovered. */
  values: number[][];
  /** Logit difference answer - against at the last position of the clean and the corrupted run. */
  cleanDiff: number;
  corruptedDiff: number;
}

/** Entries of one batch's attention scores (n_head x rows x keys) kept under this bound. */
const BATCH_SCORES = 1 << 22;

/** What the sweep keeps of the two runs, per layer. */
interface Runs {
  /** resid: each block's input and the last block's output (n_layer + 1); the rest per block. */
  clean: { resid: tf.Tensor2D[]; attnOut: tf.Tensor2D[]; mlpOut: tf.Tensor2D[]; z: tf.Tensor3D[] };
  corrupted: { resid: tf.Tensor2D[]; residMid: tf.Tensor2D[]; z: tf.Tensor3D[]; cache: LayerCache[] };
}

/** Both runs stage by stage; the tensors the sweep needs are kept, the rest freed. */
function runBoth(m: ModelTensors, config: GPT2Config, clean: number[], corrupted: number[]): Runs {
  let runs: Runs | undefined;
  tf.tidy(() => {
    const stages = (ids: number[]) => {
      let x = embed(m, ids);
      return m.blocks.map((w) => {
        const input = x;
        const st = blockStages(input, w, config);
        x = st.residPost;
        return { ...st, input };
      });
    };
    const c = stages(clean);
    const x = stages(corrupted);
    runs = {
      clean: {
        resid: [...c.map((s) => s.input), c[c.length - 1].residPost],
        attnOut: c.map((s) => s.attnOut),
        mlpOut: c.map((s) => s.mlpOut),
        z: c.map((s) => s.z),
      },
      corrupted: {
        resid: [...x.map((s) => s.input), x[x.length - 1].residPost],
        residMid: x.map((s) => s.residMid),
        z: x.map((s) => s.z),
        cache: x.map((s) => ({ k: s.k, v: s.v })),
      },
    };
    for (const t of runTensors(runs)) tf.keep(t);
  });
  return runs as Runs;
}

function runTensors(r: Runs): tf.Tensor[] {
  const { clean: c, corrupted: x } = r;
  return [
    ...c.resid,
    ...c.attnOut,
    ...c.mlpOut,
    ...c.z,
    ...x.resid,
    ...x.residMid,
    ...x.z,
    ...x.cache.flatMap((k) => [k.k, k.v]),
  ];
}

/** One cell: its first patched position and its rows (positions p..T-1) entering its start layer. */
interface Cell {
  layer: number;
  column: number;
  start: number;
  from: number;
  rows: () => tf.Tensor2D;
}

/**
 * The additive mask of a batch: a query of the cell starting at p sees the corrupted keys
 * 0..p-1 (the first T columns) and its own cell's new keys up to itself.
 */
function batchMask(T: number, froms: number[]): tf.Tensor2D {
  const R = froms.reduce((s, p) => s + T - p, 0);
  const keys = T + R;
  const bias = new Float32Array(R * keys).fill(-1e9);
  let row = 0;
  for (const p of froms) {
    for (let i = 0; i < T - p; i++, row++) {
      bias.fill(0, row * keys, row * keys + p);
      bias.fill(0, row * keys + T + (row - i), row * keys + T + row + 1);
    }
  }
  return tf.tensor2d(bias, [R, keys]);
}

/** The logit difference of each cell's last row after running its rows from its start layer. */
function batchDiffs(
  m: ModelTensors,
  config: GPT2Config,
  runs: Runs,
  cells: Cell[],
  u: tf.Tensor2D,
  T: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    const froms = cells.map((c) => c.from);
    let x = tf.concat(cells.map((c) => c.rows()));
    const mask = batchMask(T, froms);
    for (let l = cells[0].start; l < config.n_layer; l++) {
      const { residPost, cache } = blockForward(x, m.blocks[l], config, mask, runs.corrupted.cache[l]);
      tf.dispose([cache.k, cache.v]);
      x = residPost;
    }
    let end = -1;
    const lastRows = froms.map((p) => (end += T - p));
    return logitDiff(m, config, tf.gather(x, lastRows), u);
  });
}

/** (ln_final(rows) . u) per row. */
function logitDiff(m: ModelTensors, config: GPT2Config, rows: tf.Tensor2D, u: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(tf.matMul(layerNorm(rows, m.lnf, config.layer_norm_epsilon), u, false, true), [-1]));
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

const rowsFrom = (m: tf.Tensor2D, from: number) => tf.slice(m, [from, 0], [-1, -1]);

/** The sweep's cells; rows() is called inside the batch's tidy. */
function cellsOf(m: ModelTensors, config: GPT2Config, runs: Runs, hook: SweepHook, T: number): Cell[] {
  const { clean: c, corrupted: x } = runs;
  const cells: Cell[] = [];
  const eps = config.layer_norm_epsilon;
  for (let l = 0; l < config.n_layer; l++) {
    if (hook === 'attn.hook_z') {
      for (let h = 0; h < config.n_head; h++) {
        const rows = () => {
          const parts = tf.unstack(x.z[l]);
          parts[h] = tf.unstack(c.z[l])[h];
          const mid = tf.add<tf.Tensor2D>(x.resid[l], attentionOutput(tf.stack(parts) as tf.Tensor3D, m.blocks[l]));
          return tf.add<tf.Tensor2D>(mid, mlpParts(layerNorm(mid, m.blocks[l].ln2, eps), m.blocks[l]).out);
        };
        cells.push({ layer: l, column: h, start: l + 1, from: 0, rows });
      }
      continue;
    }
    for (let p = 0; p < T; p++) {
      const start = hook === 'hook_resid_pre' ? l : l + 1;
      const patchedRow = (): tf.Tensor2D => {
        const at = (t: tf.Tensor2D) => tf.slice(t, [p, 0], [1, -1]);
        if (hook === 'hook_resid_pre') return at(c.resid[l]);
        if (hook === 'hook_mlp_out') return tf.add(at(x.residMid[l]), at(c.mlpOut[l]));
        const mid = tf.add<tf.Tensor2D>(at(x.resid[l]), at(c.attnOut[l]));
        return tf.add(mid, mlpParts(layerNorm(mid, m.blocks[l].ln2, eps), m.blocks[l]).out);
      };
      const rows = () => tf.concat([patchedRow(), rowsFrom(x.resid[start], p + 1)]);
      cells.push({ layer: l, column: p, start, from: p, rows });
    }
  }
  return cells;
}

/** Consecutive cells of one start layer, as many as fit BATCH_SCORES. */
function batches(cells: Cell[], T: number, nHead: number): Cell[][] {
  const out: Cell[][] = [];
  let batch: Cell[] = [];
  let rows = 0;
  for (const cell of cells) {
    const more = T - cell.from;
    const fits = nHead * (rows + more) * (T + rows + more) <= BATCH_SCORES;
    if (batch.length > 0 && (batch[0].start !== cell.start || !fits)) {
      out.push(batch);
      batch = [];
      rows = 0;
    }
    batch.push(cell);
    rows += more;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

export function checkSweep(config: GPT2Config, r: PatchingSweepRequest): void {
  if (!(SWEEP_HOOKS as readonly string[]).includes(r.hook)) {
    throw new Error(`cannot sweep "${r.hook}": the sweep hooks are ${SWEEP_HOOKS.join(', ')}`);
  }
  checkIds(r.clean, config);
  checkIds(r.corrupted, config);
  if (r.clean.length !== r.corrupted.length) {
    throw new Error(
      `the clean and corrupted prompts must have the same number of tokens (clean ${r.clean.length}, corrupted ${r.corrupted.length})`,
    );
  }
  checkTokenId(r.answer, config);
  checkTokenId(r.against, config);
  if (r.answer === r.against) throw new Error('the answer and the token it is contrasted with are the same');
}

const cancelled = () => Object.assign(new Error('the patching sweep was cancelled'), { name: 'AbortError' });

export async function patchingSweep(
  m: ModelTensors,
  config: GPT2Config,
  request: PatchingSweepRequest,
  options: SweepOptions = {},
): Promise<PatchingSweep> {
  checkSweep(config, request);
  const { hook } = request;
  const T = request.clean.length;
  const L = config.n_layer;
  const runs = runBoth(m, config, request.clean, request.corrupted);
  const u = tf.tidy(() => {
    const cols = tokenEmbeddings(m.wU, [request.answer, request.against]);
    return tf.sub<tf.Tensor2D>(tf.slice(cols, [0, 0], [1, -1]), tf.slice(cols, [1, 0], [1, -1]));
  });
  try {
    const ends = tf.tidy(() => {
      const last = (t: tf.Tensor2D) => tf.slice(t, [T - 1, 0], [1, -1]);
      return logitDiff(m, config, tf.concat([last(runs.clean.resid[L]), last(runs.corrupted.resid[L])]), u);
    });
    const [cleanDiff, corruptedDiff] = Array.from(await readAndDispose(ends));
    if (cleanDiff === corruptedDiff) {
      throw new Error(
        `the clean and corrupted prompts give the same logit difference (${cleanDiff}): there is nothing to recover`,
      );
    }
    const cells = cellsOf(m, config, runs, hook, T);
    const cols = hook === 'attn.hook_z' ? config.n_head : T;
    const values = Array.from({ length: L }, () => new Array<number>(cols).fill(0));
    let done = 0;
    for (const batch of batches(cells, T, config.n_head)) {
      if (options.signal?.aborted) throw cancelled();
      const diffs = await readAndDispose(batchDiffs(m, config, runs, batch, u, T));
      batch.forEach(
        (cell, i) => (values[cell.layer][cell.column] = (diffs[i] - corruptedDiff) / (cleanDiff - corruptedDiff)),
      );
      done += batch.length;
      options.onProgress?.(done, cells.length);
      // Lets other messages (a newer request, a cancel) in between batches.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (options.signal?.aborted) throw cancelled();
    return { hook, columns: hook === 'attn.hook_z' ? 'head' : 'position', values, cleanDiff, corruptedDiff };
  } finally {
    tf.dispose([...runTensors(runs), u]);
  }
}
