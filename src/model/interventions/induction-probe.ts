/**
 * The induction probe: GPT-2's <|endoftext|> and then `length` random tokens repeated
 * twice. A model with induction heads predicts the second copy from the first, so its loss
 * drops there; an induction head attends from each second-copy token to the token right
 * after that token's earlier occurrence.
 *
 * With the first copy at positions 1..n and the second at n+1..2n (n = length), the query
 * at n+1+j (token j of the second copy) should look at key 2+j (the token after token j of
 * the first copy). A head's induction score is its mean attention on those n (query, key)
 * pairs. The loss of a copy is the mean of -ln p(token | tokens before it) over its tokens.
 *
 * The tokens come from the whole vocabulary, as in TransformerLens, or from GPT-2's common
 * tokens. After the 256 byte tokens, GPT-2's ids follow its BPE merges, which were learned
 * most frequent pair first, so ids 256..5255 are roughly its 5,000 most common merged tokens.
 * A small model trained on little text has met those often and most of the other 45,000
 * rarely or never; their embeddings stay close together, so no head can tell one of them
 * from another, and the whole-vocabulary test shows little even where a circuit works.
 *
 * One forward pass gives both: each block's pattern is scored as it is computed, and the
 * loss needs only each position's log-probability of the token that follows it, not the
 * top tokens and entropies a trace reads.
 */
import * as tf from '@tensorflow/tfjs-core';
import { blockStages } from '../block-stages';
import type { GPT2Config } from '../config';
import { embed } from '../forward';
import type { ModelTensors } from '../model-tensors';
import { layerNorm } from '../ops';
import { readAll } from '../read-all';
import { targetLogProbs } from '../unembedding';
import { createRng } from '../../sampling/rng';

/** Where the random tokens are drawn from: GPT-2's common tokens, or any token but <|endoftext|>. */
export const PROBE_TOKENS = ['common', 'any'] as const;
export type ProbeTokens = (typeof PROBE_TOKENS)[number];

/** The common tokens: ids FIRST_MERGE .. FIRST_MERGE + COMMON_TOKENS - 1. */
const FIRST_MERGE = 256;
export const COMMON_TOKENS = 5000;

export interface InductionProbeRequest {
  /** Random tokens in each copy. */
  length: number;
  /** Seed of the random tokens (a 32-bit whole number): the same seed gives the same tokens. */
  seed: number;
  /** Where they come from; 'any' when left out. */
  tokens?: ProbeTokens;
}

export interface InductionProbe {
  tokenIds: number[];
  length: number;
  seed: number;
  tokens: ProbeTokens;
  /** induction[layer][head]. */
  induction: number[][];
  lossFirstCopy: number;
  lossSecondCopy: number;
}

/** <|endoftext|>, GPT-2's last token id, then the random tokens (never <|endoftext|>) twice. */
export function probeTokens(config: GPT2Config, length: number, seed: number, tokens: ProbeTokens = 'any'): number[] {
  const rng = createRng(seed);
  const bos = config.vocab_size - 1;
  // A vocabulary too small to hold the merges falls back to all of it.
  const common = tokens === 'common' && bos > FIRST_MERGE;
  const first = common ? FIRST_MERGE : 0;
  const count = common ? Math.min(COMMON_TOKENS, bos - FIRST_MERGE) : bos;
  const copy = Array.from({ length }, () => first + Math.floor(rng() * count));
  return [bos, ...copy, ...copy];
}

export function checkProbe(config: GPT2Config, { length, seed, tokens = 'any' }: InductionProbeRequest): void {
  if (!(PROBE_TOKENS as readonly string[]).includes(tokens)) {
    throw new Error(`probe tokens "${tokens}" are not one of ${PROBE_TOKENS.join(', ')}`);
  }
  const most = Math.floor((config.n_positions - 1) / 2);
  if (!Number.isInteger(length) || length < 2 || length > most) {
    throw new Error(`probe length ${length} is out of range 2..${most} (2 x length + 1 tokens must fit the context)`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`probe seed ${seed} is out of range 0..4294967295`);
  }
}

export async function inductionProbe(
  m: ModelTensors,
  config: GPT2Config,
  request: InductionProbeRequest,
): Promise<InductionProbe> {
  checkProbe(config, request);
  const n = request.length;
  const tokens = request.tokens ?? 'any';
  const ids = probeTokens(config, n, request.seed, tokens);
  const T = ids.length;
  const [scores, logprobs] = await readAll(
    tf.tidy(() => {
      // stripe[q][k] = 1 on the induction pairs: second-copy query n+1+j, key 2+j.
      const stripe = new Float32Array(T * T);
      for (let j = 0; j < n; j++) stripe[(n + 1 + j) * T + 2 + j] = 1;
      const marks = tf.tensor2d(stripe, [T, T]);
      let x = embed(m, ids);
      const perLayer: tf.Tensor1D[] = [];
      for (const w of m.blocks) {
        // One block's stages at a time: at 1,023 tokens a layer's patterns alone are 150 MB.
        const [score, next] = tf.tidy(() => {
          const st = blockStages(x, w, config);
          return [tf.sum<tf.Tensor1D>(tf.mul(st.pattern, marks), [1, 2]), st.residPost];
        });
        x.dispose();
        perLayer.push(score as tf.Tensor1D);
        x = next as tf.Tensor2D;
      }
      // Position i predicts token i + 1: the rows 0..T-2 and, for each, its next token's log p.
      const rows = tf.slice(layerNorm(x, m.lnf, config.layer_norm_epsilon), [0, 0], [T - 1, -1]);
      return [tf.concat(perLayer), targetLogProbs(m.wU, rows, ids.slice(1))];
    }),
  );
  // Token i is predicted at position i - 1.
  const loss = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i <= to; i++) s -= logprobs[i - 1];
    return s / (to - from + 1);
  };
  const H = config.n_head;
  return {
    tokenIds: ids,
    length: n,
    seed: request.seed,
    tokens,
    induction: Array.from({ length: config.n_layer }, (_, l) =>
      Array.from(scores.subarray(l * H, (l + 1) * H), (v) => v / n),
    ),
    lossFirstCopy: loss(1, n),
    lossSecondCopy: loss(n + 1, 2 * n),
  };
}
