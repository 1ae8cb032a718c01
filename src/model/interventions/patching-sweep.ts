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
 * its p and its own new keys, so each block runs once per batch, not once per cell. Only a
 * cell's last row is read, so the last block computes the other rows' keys and values and
 * nothing else for them. Before the first position where the prompts differ, the two runs
 * are the same, so a patch there changes nothing at all: those position cells are 0 without
 * running, and a head's cell recomputes only the positions from there on; so are block 0's
 * resid_pre cells at positions where the two prompts have the same token. (A corrupted
 * prompt that swaps one name, as in the IOI examples, leaves most of the grid to skip.)
 *
 * A sweep of GPT-2 small at 64 tokens takes tens of seconds, so it yields and reports
 * progress after every block it runs: each block of the two prompts' runs, and each block
 * of a batch, whose rows are capped (BATCH_ROWS) to keep one block near 200 ms on wasm. The
 * page's progress bar then moves that often and a cancel lands that soon.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages } from '../block-stages';
import type { GPT2Config } from '../config';
import { blockForward, blockForwardRows, embed, type LayerCache } from '../forward';
import type { ModelTensors } from '../model-tensors';
import { attentionOutput, layerNorm, mlpParts } from '../ops';
import { tokenEmbeddings } from '../unembedding';
import { nextMacrotask } from '../../util/next-macrotask';
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
  /**
   * Called after each run of the two prompts and each block of a batch, with the cells done
   * so far and the total; a batch's cells count in part, by the share of its blocks run.
   */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the sweep at its next report; it then rejects and leaves no tensor. */
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
/**
 * Rows of one batch kept under this bound, so that one block of a batch, the longest stretch
 * without a report, takes about 200 ms for GPT-2 small on wasm with two threads.
 */
const BATCH_ROWS = 256;

/** What the sweep keeps of the two runs, per layer. */
interface Runs {
  /** resid: each block's input and the last block's output (n_layer + 1); the rest per block. */
  clean: { resid: tf.Tensor2D[]; attnOut: tf.Tensor2D[]; mlpOut: tf.Tensor2D[]; z: tf.Tensor3D[] };
  corrupted: { resid: tf.Tensor2D[]; residMid: tf.Tensor2D[]; z: tf.Tensor3D[]; cache: LayerCache[] };
}

/** What the sweep keeps of one block of a run (a type, so tf.tidy may return it). */
type KeptStages = {
  residMid: tf.Tensor2D;
  attnOut: tf.Tensor2D;
  mlpOut: tf.Tensor2D;
  z: tf.Tensor3D;
  cache: LayerCache;
  residPost: tf.Tensor2D;
};

const keptTensors = (k: KeptStages): tf.Tensor[] => [k.residMid, k.attnOut, k.mlpOut, k.z, k.cache.k, k.cache.v];

/**
 * One prompt's run, block by block, with a pause after each block (a block of GPT-2 small
 * at 64 tokens is tens of ms; the whole run, hundreds): what the sweep needs of each block
 * is kept, the rest freed. A pause that throws leaves nothing behind.
 */
async function stagesOf(m: ModelTensors, config: GPT2Config, ids: number[], pause: () => Promise<void>) {
  const resid = [embed(m, ids)];
  const kept: KeptStages[] = [];
  try {
    for (const w of m.blocks) {
      const input = resid[resid.length - 1];
      const k = tf.tidy((): KeptStages => {
        const st = blockStages(input, w, config);
        const { residMid, attnOut, mlpOut, z, residPost } = st;
        return { residMid, attnOut, mlpOut, z, cache: { k: st.k, v: st.v }, residPost };
      });
      kept.push(k);
      resid.push(k.residPost);
      await pause();
    }
  } catch (e) {
    tf.dispose([...resid, ...kept.flatMap(keptTensors)]);
    throw e;
  }
  return {
    resid,
    residMid: kept.map((k) => k.residMid),
    attnOut: kept.map((k) => k.attnOut),
    mlpOut: kept.map((k) => k.mlpOut),
    z: kept.map((k) => k.z),
    cache: kept.map((k) => k.cache),
  };
}

/** Both runs, block by block, pausing after each block (each run is a full forward pass). */
async function runBoth(
  m: ModelTensors,
  config: GPT2Config,
  clean: number[],
  corrupted: number[],
  pause: () => Promise<void>,
): Promise<Runs> {
  const c = await stagesOf(m, config, clean, pause);
  const keptClean = { resid: c.resid, attnOut: c.attnOut, mlpOut: c.mlpOut, z: c.z };
  tf.dispose([...c.residMid, ...c.cache.flatMap((k) => [k.k, k.v])]);
  let x: Awaited<ReturnType<typeof stagesOf>>;
  try {
    x = await stagesOf(m, config, corrupted, pause);
  } catch (e) {
    tf.dispose(Object.values(keptClean).flat());
    throw e;
  }
  tf.dispose([...x.attnOut, ...x.mlpOut]);
  return {
    clean: keptClean,
    corrupted: { resid: x.resid, residMid: x.residMid, z: x.z, cache: x.cache },
  };
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

/**
 * The logit difference of each cell's last row after running its rows from its start layer,
 * block by block. It pauses once the rows are built (a z cell's rows include its layer's
 * attention output and MLP) and after each block but the last, telling the pause the share
 * of those steps done.
 */
async function batchDiffs(
  m: ModelTensors,
  config: GPT2Config,
  runs: Runs,
  cells: Cell[],
  u: tf.Tensor2D,
  T: number,
  pause: (share: number) => Promise<void>,
): Promise<Float32Array> {
  const froms = cells.map((c) => c.from);
  const start = cells[0].start;
  const mask = batchMask(T, froms);
  let x = tf.tidy(() => tf.concat(cells.map((c) => c.rows())));
  const steps = config.n_layer - start + 1;
  try {
    let end = -1;
    const lastRows = froms.map((p) => (end += T - p));
    await pause(1 / steps);
    const L = config.n_layer;
    for (let l = start; l < L; l++) {
      const past = runs.corrupted.cache[l];
      const next = tf.tidy(() =>
        l + 1 < L
          ? blockForward(x, m.blocks[l], config, mask, past).residPost
          : blockForwardRows(x, m.blocks[l], config, mask, past, lastRows),
      );
      x.dispose();
      x = next;
      if (l + 1 < L) await pause((l + 2 - start) / steps);
    }
    // After the last block x holds the cells' last rows only; a cell that starts past it, all its rows.
    return await readAndDispose(tf.tidy(() => logitDiff(m, config, start < L ? x : tf.gather(x, lastRows), u)));
  } finally {
    tf.dispose([x, mask]);
  }
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

/** The first position where the two prompts differ (their length when they do not). */
function firstDifference(clean: readonly number[], corrupted: readonly number[]): number {
  let p = 0;
  while (p < clean.length && clean[p] === corrupted[p]) p++;
  return p;
}

/**
 * The sweep's cells; rows() is called inside the batch's tidy. Before `same`, the first
 * position where the prompts differ, both runs are the same at every hook (attention is
 * causal), so a patch there changes nothing: a position cell before it is left out (its
 * value is 0 exactly), and a head cell starts at it. Block 0's input is each token's
 * embedding plus its position's, so a hook_resid_pre cell of block 0 where both prompts
 * have the same token patches in the value already there and is left out too.
 */
function cellsOf(
  m: ModelTensors,
  config: GPT2Config,
  runs: Runs,
  hook: SweepHook,
  request: Pick<PatchingSweepRequest, 'clean' | 'corrupted'>,
): Cell[] {
  const T = request.clean.length;
  const same = firstDifference(request.clean, request.corrupted);
  const { clean: c, corrupted: x } = runs;
  const cells: Cell[] = [];
  const eps = config.layer_norm_epsilon;
  for (let l = 0; l < config.n_layer; l++) {
    if (hook === 'attn.hook_z') {
      for (let h = 0; h < config.n_head; h++) {
        const rows = () => {
          const parts = tf.unstack(x.z[l]);
          parts[h] = tf.unstack(c.z[l])[h];
          const z = tf.slice(tf.stack(parts), [0, same, 0], [-1, -1, -1]) as tf.Tensor3D;
          const mid = tf.add<tf.Tensor2D>(rowsFrom(x.resid[l], same), attentionOutput(z, m.blocks[l]));
          return tf.add<tf.Tensor2D>(mid, mlpParts(layerNorm(mid, m.blocks[l].ln2, eps), m.blocks[l]).out);
        };
        cells.push({ layer: l, column: h, start: l + 1, from: same, rows });
      }
      continue;
    }
    for (let p = same; p < T; p++) {
      if (hook === 'hook_resid_pre' && l === 0 && request.clean[p] === request.corrupted[p]) continue;
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

/** Consecutive cells of one start layer, as many as fit BATCH_ROWS and BATCH_SCORES. */
function batches(cells: Cell[], T: number, nHead: number): Cell[][] {
  const out: Cell[][] = [];
  let batch: Cell[] = [];
  let rows = 0;
  for (const cell of cells) {
    const more = T - cell.from;
    const fits = rows + more <= BATCH_ROWS && nHead * (rows + more) * (T + rows + more) <= BATCH_SCORES;
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
  const cols = hook === 'attn.hook_z' ? config.n_head : T;
  const total = L * cols;
  let done = 0;
  // Reports, then lets other messages (a newer request, a cancel) in.
  const report = async (cellsDone: number) => {
    options.onProgress?.(cellsDone, total);
    await nextMacrotask();
    if (options.signal?.aborted) throw cancelled();
  };
  const runs = await runBoth(m, config, request.clean, request.corrupted, () => report(0));
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
    const values = Array.from({ length: L }, () => new Array<number>(cols).fill(0));
    const cells = cellsOf(m, config, runs, hook, request);
    done = total - cells.length; // the cells left out, whose 0 is already in values
    for (const batch of batches(cells, T, config.n_head)) {
      const diffs = await batchDiffs(m, config, runs, batch, u, T, (share) => report(done + share * batch.length));
      batch.forEach(
        (cell, i) => (values[cell.layer][cell.column] = (diffs[i] - corruptedDiff) / (cleanDiff - corruptedDiff)),
      );
      done += batch.length;
      await report(done);
    }
    return { hook, columns: hook === 'attn.hook_z' ? 'head' : 'position', values, cleanDiff, corruptedDiff };
  } finally {
    tf.dispose([...runTensors(runs), u]);
  }
}
