/**
 * The --json output of `npm run trace`: the numbers a golden-data comparison or an
 * outside tool needs, as plain nested arrays. Attention is gathered one block at a time
 * (runtime.block) so only one layer's n_head x T x T tensor is alive at once.
 */
import type { GPT2Config } from '../../src/model/config';
import type { GPT2Runtime, Matrix, Tensor3, TraceSummary } from '../../src/model/types';
import { tokenInfo } from '../../src/tokenizer';

export interface TraceJson {
  model: GPT2Config & { dir: string; backend: string };
  tokens: { id: number; text: string; display: string; bytes: number[] }[];
  /** Last position, whole vocabulary. */
  logits: number[];
  /** ln p(actual next token) at each position; null at the last. */
  next_token_logprobs: (number | null)[];
  /** attention[layer][head][query][key]: hook_pattern. */
  attention: number[][][][];
  /** resid[l] = blocks.l.hook_resid_pre; resid[n_layer] = last hook_resid_post (before ln_f). */
  resid: number[][][];
  /** ln_final.hook_normalized. */
  ln_f: number[][];
}

export function matrixRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

export function tensorNested(t: Tensor3): number[][][] {
  const [a, b, c] = t.dims;
  return Array.from({ length: a }, (_, i) =>
    Array.from({ length: b }, (_, j) => Array.from(t.data.subarray((i * b + j) * c, (i * b + j + 1) * c))),
  );
}

export async function traceJson(
  runtime: GPT2Runtime,
  summary: TraceSummary,
  dir: string,
): Promise<TraceJson> {
  const attention: number[][][][] = [];
  for (let layer = 0; layer < summary.config.n_layer; layer++) {
    const block = await runtime.block(summary, layer);
    attention.push(tensorNested(block.pattern));
  }
  return {
    model: { ...summary.config, dir, backend: runtime.backend },
    tokens: summary.tokenIds.map((id) => {
      const info = tokenInfo(id);
      return { id, text: info.text, display: info.display, bytes: Array.from(info.bytes) };
    }),
    logits: Array.from(summary.lastLogits),
    next_token_logprobs: summary.predictions.map((p) => p.nextLogprob),
    attention,
    resid: summary.resid.map(matrixRows),
    ln_f: matrixRows(summary.lnFinal),
  };
}
