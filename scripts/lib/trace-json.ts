/**
 * The --json output of `npm run trace`: the numbers a golden-data comparison or an outside
 * tool needs, as plain nested arrays. It is streamed to the file row by row, and attention
 * is computed one block at a time (runtime.block), so memory stays bounded even for
 * GPT-2 small at 1,024 tokens, whose attention alone is 12 x 12 x 1,024 x 1,024 numbers
 * (gigabytes of JSON text, more than one JavaScript string can hold).
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { GPT2Config } from '../../src/model/config';
import type { Attribution } from '../../src/model/interventions/attribution';
import type { Edit } from '../../src/model/interventions/edits';
import type { GPT2Runtime, Matrix, TraceSummary } from '../../src/model/types';
import { decode, tokenInfo } from '../../src/tokenizer';

/** The file's layout, for readers of it (tests, tools). */
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
  /** The edits the run was made with (empty for a plain trace); every field above describes the edited run. */
  edits: Edit[];
  /** The prompt patch edits took their values from. */
  patch_from?: { ids: number[]; text: string };
  /** With --attribute: the direct logit attribution at the last position; components sum to logit. */
  attribution?: {
    target: number;
    against: number | null;
    target_text: string;
    against_text: string | null;
    position: number;
    logit: number;
    components: Record<string, number>;
    residual_error: number;
  };
}

function attributionJson(a: Attribution): TraceJson['attribution'] {
  return {
    target: a.target,
    against: a.against,
    target_text: tokenInfo(a.target).text,
    against_text: a.against === null ? null : tokenInfo(a.against).text,
    position: a.position,
    logit: a.logit,
    components: a.components,
    residual_error: a.residualError,
  };
}

/** Buffers small writes into large ones. */
class BufferedFile {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly handle: FileHandle) {}

  async write(text: string): Promise<void> {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    await this.handle.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }
}

const row = (data: Float32Array, start: number, length: number) =>
  JSON.stringify(Array.from(data.subarray(start, start + length)));

/** Writes `count` rows of `width` numbers from `data` as a JSON array of arrays. */
async function writeRows(
  out: BufferedFile,
  data: Float32Array,
  count: number,
  width: number,
  offset = 0,
): Promise<void> {
  await out.write('[');
  for (let r = 0; r < count; r++) await out.write((r > 0 ? ',' : '') + row(data, offset + r * width, width));
  await out.write(']');
}

const writeMatrix = (out: BufferedFile, m: Matrix) => writeRows(out, m.data, m.rows, m.cols);

async function writeAttention(out: BufferedFile, runtime: GPT2Runtime, summary: TraceSummary): Promise<void> {
  await out.write('[');
  for (let layer = 0; layer < summary.config.n_layer; layer++) {
    const { pattern } = await runtime.block(summary, layer);
    const [heads, queries, keys] = pattern.dims;
    await out.write(layer > 0 ? ',[' : '[');
    for (let h = 0; h < heads; h++) {
      if (h > 0) await out.write(',');
      await writeRows(out, pattern.data, queries, keys, h * queries * keys);
    }
    await out.write(']');
  }
  await out.write(']');
}

export async function writeTraceJson(
  file: string,
  runtime: GPT2Runtime,
  summary: TraceSummary,
  dir: string,
  attribution?: Attribution,
): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const out = new BufferedFile(handle);
    const tokens = summary.tokenIds.map((id) => {
      const info = tokenInfo(id);
      return { id, text: info.text, display: info.display, bytes: Array.from(info.bytes) };
    });
    await out.write(`{"model":${JSON.stringify({ ...summary.config, dir, backend: runtime.backend })}`);
    await out.write(`,"tokens":${JSON.stringify(tokens)}`);
    await out.write(`,"logits":${row(summary.lastLogits, 0, summary.lastLogits.length)}`);
    await out.write(`,"next_token_logprobs":${JSON.stringify(summary.predictions.map((p) => p.nextLogprob))}`);
    await out.write(',"attention":');
    await writeAttention(out, runtime, summary);
    await out.write(',"resid":[');
    for (let l = 0; l < summary.resid.length; l++) {
      if (l > 0) await out.write(',');
      await writeMatrix(out, summary.resid[l]);
    }
    await out.write('],"ln_f":');
    await writeMatrix(out, summary.lnFinal);
    await out.write(`,"edits":${JSON.stringify(summary.edits?.edits ?? [])}`);
    const from = summary.edits?.patchFrom;
    if (from) await out.write(`,"patch_from":${JSON.stringify({ ids: from, text: decode(from) })}`);
    if (attribution) await out.write(`,"attribution":${JSON.stringify(attributionJson(attribution))}`);
    await out.write('}\n');
    await out.flush();
  } finally {
    await handle.close();
  }
}
