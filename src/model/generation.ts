/**
 * Generation over a KV cache: the prompt runs once, each layer keeps its keys and values,
 * and every new token runs through the blocks alone, attending to the cached positions.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPT2Config } from './config';
import { blockForward, embed, type LayerCache } from './forward';
import { unembed } from './unembedding';
import type { ModelTensors } from './model-tensors';
import { causalMaskBias, layerNorm } from './ops';
import type { GenerationSession } from './types';
import { checkTokenId } from './validate';

// A type, not an interface, so that tf.tidy accepts it as a tensor container.
type StepResult = {
  caches: LayerCache[];
  logits: tf.Tensor2D;
};

/**
 * Runs `ids` at positions offset.. through every block, extending `past` (one cache per
 * layer) when given, and returns the extended caches and the last position's logits.
 */
function runCached(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  offset: number,
  past?: LayerCache[],
): StepResult {
  return tf.tidy((): StepResult => {
    // A single new token may see every cached position, so it needs no mask.
    const mask = ids.length === 1 ? null : causalMaskBias(ids.length, offset);
    let x = embed(m, ids, offset);
    const caches: LayerCache[] = [];
    m.blocks.forEach((w, l) => {
      const r = blockForward(x, w, config, mask, past?.[l]);
      caches.push(r.cache);
      x = r.residPost;
    });
    const last = tf.slice(x, [ids.length - 1, 0], [1, -1]);
    return { caches, logits: unembed(m.wU, layerNorm(last, m.lnf, config.layer_norm_epsilon)) };
  });
}

async function readLogits(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

const disposeCaches = (caches: LayerCache[]) => tf.dispose(caches.flatMap((c) => [c.k, c.v]));

class KvSession implements GenerationSession {
  private caches: LayerCache[] | null;

  constructor(
    private readonly m: ModelTensors,
    private readonly config: GPT2Config,
    caches: LayerCache[],
    public length: number,
    private readonly onDispose: (s: KvSession) => void,
  ) {
    this.caches = caches;
  }

  async step(tokenId: number): Promise<Float32Array> {
    if (this.caches === null) throw new Error('this generation session was disposed');
    checkTokenId(tokenId, this.config);
    if (this.length >= this.config.n_positions) {
      throw new Error(`the context is full: this model reads at most ${this.config.n_positions} tokens`);
    }
    const { caches, logits } = runCached(this.m, this.config, [tokenId], this.length, this.caches);
    disposeCaches(this.caches);
    this.caches = caches;
    this.length += 1;
    return readLogits(logits);
  }

  dispose(): void {
    if (this.caches === null) return;
    disposeCaches(this.caches);
    this.caches = null;
    this.onDispose(this);
  }
}

/** Runs the prompt, returns its next-token logits and a session holding the cache. */
export async function startSession(
  m: ModelTensors,
  config: GPT2Config,
  ids: readonly number[],
  onDispose: (s: GenerationSession) => void,
): Promise<{ logits: Float32Array; session: GenerationSession }> {
  const { caches, logits } = runCached(m, config, ids, 0);
  const session = new KvSession(m, config, caches, ids.length, onDispose);
  return { logits: await readLogits(logits), session };
}

/** The next-token logits of a prompt, without keeping its cache. */
export async function promptLogits(m: ModelTensors, config: GPT2Config, ids: readonly number[]): Promise<Float32Array> {
  const { caches, logits } = runCached(m, config, ids, 0);
  disposeCaches(caches);
  return readLogits(logits);
}
