/**
 * The runtime's contracts with the rest of the app. Everything here is plain data
 * (typed arrays and numbers) so a view can read it without TF.js, and so it can be
 * posted from a Web Worker with transferable buffers.
 *
 * Trace names follow TransformerLens's hook names (see shared DESIGN.md); the
 * comment on each field gives the hook it corresponds to.
 */
import type { GPT2Config } from './config';
import type { ModelTensors } from './model-tensors';
import type { Attribution, AttributionRequest } from './interventions/attribution';
import type { AppliedEdits, Edit } from './interventions/edits';
import type { HeadScores } from './interventions/head-scores';
import type { InductionProbe, InductionProbeRequest } from './interventions/induction-probe';
import type { PatchingSweep, PatchingSweepRequest, SweepOptions } from './interventions/patching-sweep';

/** A row-major 2-D array: element (r, c) is data[r * cols + c]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** A row-major 3-D array [a, b, c]: element (i, j, k) is data[(i * b + j) * c + k]. */
export interface Tensor3 {
  dims: [number, number, number];
  data: Float32Array;
}

/** Canonical weight names, as in Hugging Face's GPT-2 without the "transformer." prefix. */
export const weightNames = {
  wte: 'wte.weight', // [vocab, n_embd]; also the unembedding (tied)
  wpe: 'wpe.weight', // [n_positions, n_embd]
  lnfW: 'ln_f.weight',
  lnfB: 'ln_f.bias',
  block: (l: number) => ({
    ln1W: `h.${l}.ln_1.weight`,
    ln1B: `h.${l}.ln_1.bias`,
    qkvW: `h.${l}.attn.c_attn.weight`, // [n_embd, 3 n_embd] (Conv1D: in x out)
    qkvB: `h.${l}.attn.c_attn.bias`,
    projW: `h.${l}.attn.c_proj.weight`, // [n_embd, n_embd]
    projB: `h.${l}.attn.c_proj.bias`,
    ln2W: `h.${l}.ln_2.weight`,
    ln2B: `h.${l}.ln_2.bias`,
    fcW: `h.${l}.mlp.c_fc.weight`, // [n_embd, 4 n_embd]
    fcB: `h.${l}.mlp.c_fc.bias`,
    fcProjW: `h.${l}.mlp.c_proj.weight`, // [4 n_embd, n_embd]
    fcProjB: `h.${l}.mlp.c_proj.bias`,
  }),
} as const;

/** One weight tensor, as float32 values (already widened from float16 storage). */
export interface WeightTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Progress of a weight download: bytes done of total. */
export interface LoadProgress {
  loaded: number;
  total: number;
  /** The file currently being fetched, for messages. */
  file?: string;
}

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** A candidate next token with its score. */
export interface TokenScore {
  id: number;
  logit: number;
  /** log of softmax probability at temperature 1 (natural log). */
  logprob: number;
}

/** What the model predicts at one position (for the token that follows it). */
export interface PositionPrediction {
  /** Highest-scoring next tokens, best first. */
  top: TokenScore[];
  /** ln p(actual next token) at T = 1, or null at the last position (no next token yet). */
  nextLogprob: number | null;
  /** Entropy of the next-token distribution at T = 1, in nats. */
  entropy: number;
}

/**
 * The cheap part of a trace: always computed, bounded in size even at 1,024 tokens
 * of GPT-2 small (about 13 x T x n_embd floats for the residual stream, plus
 * one vocabulary-sized row).
 */
export interface TraceSummary {
  config: GPT2Config;
  tokenIds: number[];
  /** hook_embed: W_E rows of the tokens, [T, n_embd]. */
  embed: Matrix;
  /** hook_pos_embed: W_P rows 0..T-1, [T, n_embd]. */
  posEmbed: Matrix;
  /**
   * The residual stream: resid[l] is blocks.l.hook_resid_pre for l < n_layer, and
   * resid[n_layer] is the last block's hook_resid_post (before ln_final). n_layer + 1 entries of [T, n_embd].
   */
  resid: Matrix[];
  /** ln_final.hook_normalized: the final LayerNorm's output (after gamma and beta), [T, n_embd]. */
  lnFinal: Matrix;
  /** logits at the last position, the whole vocabulary. */
  lastLogits: Float32Array;
  /**
   * Per position: top next tokens, log p of the actual next token, entropy. Empty when the
   * trace was made with { predictions: false }; GPT2Runtime.predictions() computes them then.
   */
  predictions: PositionPrediction[];
  /**
   * Present on an edited run (GPT2Runtime.run): the edits it was made with. block(),
   * tokenAttention() and headScores() of this summary apply them again, so every view
   * shows the edited run.
   */
  edits?: AppliedEdits;
}

/** LayerNorm at one site, per token. */
export interface LayerNormTrace {
  /** Mean over n_embd of each token's input, [T]. */
  mean: Float32Array;
  /** Standard deviation sqrt(var + eps) of each token's input, [T] (hook_scale). */
  std: Float32Array;
  /** (x - mean) / std, before gamma and beta, [T, n_embd]. */
  normalized: Matrix;
  /** gamma * normalized + beta: what the next sub-layer reads, [T, n_embd]. */
  out: Matrix;
}

/**
 * Everything inside one block at every position. Big at long contexts
 * (the attention tensors are n_head x T x T), so it is computed on request,
 * one block at a time, from resid[layer] of the summary.
 */
export interface BlockTrace {
  layer: number;
  ln1: LayerNormTrace;
  /** attn.hook_q/k/v: [n_head, T, d_head]. */
  q: Tensor3;
  k: Tensor3;
  v: Tensor3;
  /** q . k before scaling, [n_head, T, T]. */
  rawScores: Tensor3;
  /** attn.hook_attn_scores: q . k / sqrt(d_head) with future positions set to -Infinity, [n_head, T, T]. */
  scores: Tensor3;
  /** attn.hook_pattern: softmax of scores over keys, [n_head, T, T]. */
  pattern: Tensor3;
  /** attn.hook_z: each head's weighted sum of values, [n_head, T, d_head]. */
  z: Tensor3;
  /** hook_attn_out: concat(z) . W_O + b_O, [T, n_embd]. */
  attnOut: Matrix;
  /** hook_resid_mid = resid_pre + attn_out. */
  residMid: Matrix;
  ln2: LayerNormTrace;
  /** mlp.hook_pre: before GELU, [T, 4 n_embd]. */
  mlpPre: Matrix;
  /** mlp.hook_post: gelu_new(pre), [T, 4 n_embd]. */
  mlpPost: Matrix;
  /** hook_mlp_out, [T, n_embd]. */
  mlpOut: Matrix;
  /** hook_resid_post = resid_mid + mlp_out. */
  residPost: Matrix;
}

/** Attention of one token in every layer and head: where it looks and who looks at it. */
export interface TokenAttention {
  position: number;
  /** from[l][h][k]: pattern[l][h][position][k], how much this token attends to key k (0 for k > position). */
  from: Float32Array[][];
  /** to[l][h][q]: pattern[l][h][q][position], how much query q attends to this token (0 for q < position). */
  to: Float32Array[][];
}

/**
 * Where a model's files come from: a directory on disk (Node), a URL (browser),
 * or an in-memory store. Paths are relative to the model's folder, e.g. "model.json".
 * `onBytes` is called with the number of new bytes as they arrive, for progress bars.
 */
export interface FileSource {
  /** Human-readable location, used in error messages. */
  describe(): string;
  read(path: string, onBytes?: (n: number) => void): Promise<Uint8Array>;
}

/** A generation session over a KV cache: feed one token, get the next-token logits. */
export interface GenerationSession {
  /** Number of tokens in the cache. */
  readonly length: number;
  /** Appends a token and returns the logits for the token after it, [vocab]. */
  step(tokenId: number): Promise<Float32Array>;
  dispose(): void;
}

export interface RunOptions extends TraceOptions {
  /** The source prompt of patch edits: their values come from its (unedited) run. */
  patchFrom?: number[];
  /**
   * An unedited trace of the same ids, such as the one the page holds: the blocks before
   * the first one an edit reaches compute what they computed there, so they are copied
   * from it instead of run again.
   */
  clean?: TraceSummary;
}

export interface TraceOptions {
  /**
   * Read out every position's prediction in the same pass (default true): one
   * vocabulary-sized matMul per token, which for a narrow model costs more than the blocks.
   */
  predictions?: boolean;
}

/**
 * The GPT-2 runtime, as the worker and CLI use it. All methods are safe to call
 * one after another; none leaves TF.js tensors behind.
 */
export interface GPT2Runtime {
  readonly config: GPT2Config;
  readonly backend: BackendName;
  /** The cheap, always-available trace of a prompt. ids.length must be 1..n_positions. */
  trace(ids: number[], options?: TraceOptions): Promise<TraceSummary>;
  /**
   * The trace of a run with edits (interventions/edits.ts), its `edits` field set. Edits are
   * checked first: a bad one fails with one line and nothing runs.
   */
  run(ids: number[], edits: Edit[], options?: RunOptions): Promise<TraceSummary>;
  /**
   * Direct logit attribution of the target token's logit (or target minus against) at a
   * position (default the last), ln_final's scale frozen at the run's value.
   */
  attribute(summary: TraceSummary, request: AttributionRequest): Promise<Attribution>;
  /** Previous-token, duplicate-token and induction scores of every head (TransformerLens's head detector). */
  headScores(summary: TraceSummary): Promise<HeadScores>;
  /** Random tokens repeated twice: every head's induction score and the loss on each copy. */
  inductionProbe(request: InductionProbeRequest): Promise<InductionProbe>;
  /** Activation patching of every (layer, position) or (layer, head), clean into corrupted. */
  patchingSweep(request: PatchingSweepRequest, options?: SweepOptions): Promise<PatchingSweep>;
  /**
   * Every position's prediction: summary.predictions, or computed from summary.lnFinal when the trace left them out.
   */
  predictions(summary: TraceSummary): Promise<PositionPrediction[]>;
  /** One block's full internals, recomputed exactly from summary.resid[layer]. */
  block(summary: TraceSummary, layer: number): Promise<BlockTrace>;
  /** One token's attention rows and columns in every layer and head. */
  tokenAttention(summary: TraceSummary, position: number): Promise<TokenAttention>;
  /** Full-vocabulary logits at one position (from summary.lnFinal). */
  logitsAt(summary: TraceSummary, position: number): Promise<Float32Array>;
  /** Fast path: only the last position's logits, no trace. */
  nextLogits(ids: number[]): Promise<Float32Array>;
  /** Runs the prompt once, keeps K and V, returns the first next-token logits and a session. */
  startGeneration(ids: number[]): Promise<{ logits: Float32Array; session: GenerationSession }>;
  /**
   * The weights on the backend, for computations written as plain functions of the runtime
   * (logit-lens.ts), so that a new one needs no method here. Throws once the runtime is disposed.
   */
  tensors(): ModelTensors;
  dispose(): void;
}
