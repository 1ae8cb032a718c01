/**
 * The weights as TF.js tensors, created once per runtime and kept on the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type GPT2Config, mlpDim } from './config';
import { weightNames, type WeightTensor } from './types';
import { unembeddingBlocks } from './unembedding';

export interface LayerNormWeights {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

export interface BlockWeights {
  ln1: LayerNormWeights;
  qkvW: tf.Tensor2D;
  qkvB: tf.Tensor1D;
  projW: tf.Tensor2D;
  projB: tf.Tensor1D;
  ln2: LayerNormWeights;
  fcW: tf.Tensor2D;
  fcB: tf.Tensor1D;
  fcProjW: tf.Tensor2D;
  fcProjB: tf.Tensor1D;
}

export interface ModelTensors {
  /** The unembedding W_U in column blocks (unembedding.ts): also the only copy of W_E. */
  wU: tf.Tensor2D[];
  /** W_P, [n_positions, n_embd]. */
  wpe: tf.Tensor2D;
  lnf: LayerNormWeights;
  blocks: BlockWeights[];
}

/** Finds a weight and checks its shape, with a message naming it when it is wrong. */
function take(tensors: Map<string, WeightTensor>, name: string, shape: number[]): WeightTensor {
  const w = tensors.get(name);
  if (w === undefined) throw new Error(`weight "${name}" is missing`);
  const same = w.shape.length === shape.length && w.shape.every((d, i) => d === shape[i]);
  if (!same) {
    throw new Error(`weight "${name}" has shape [${w.shape.join(', ')}], expected [${shape.join(', ')}]`);
  }
  if (w.data.length !== shape.reduce((a, b) => a * b, 1)) {
    throw new Error(`weight "${name}" has ${w.data.length} values, its shape needs ${shape.join(' x ')}`);
  }
  return w;
}

/**
 * Checks every weight the config implies, then uploads them. Nothing is uploaded when a
 * check fails, so a bad file leaves no tensors behind.
 */
export function createModelTensors(config: GPT2Config, tensors: Map<string, WeightTensor>): ModelTensors {
  const E = config.n_embd;
  const M = mlpDim(config);
  const vec = (name: string, n: number) => take(tensors, name, [n]);
  const mat = (name: string, r: number, c: number) => take(tensors, name, [r, c]);

  const wte = mat(weightNames.wte, config.vocab_size, E);
  const wpe = mat(weightNames.wpe, config.n_positions, E);
  const lnf = [vec(weightNames.lnfW, E), vec(weightNames.lnfB, E)] as const;
  const blocks = Array.from({ length: config.n_layer }, (_, l) => {
    const n = weightNames.block(l);
    return {
      ln1: [vec(n.ln1W, E), vec(n.ln1B, E)] as const,
      qkvW: mat(n.qkvW, E, 3 * E),
      qkvB: vec(n.qkvB, 3 * E),
      projW: mat(n.projW, E, E),
      projB: vec(n.projB, E),
      ln2: [vec(n.ln2W, E), vec(n.ln2B, E)] as const,
      fcW: mat(n.fcW, E, M),
      fcB: vec(n.fcB, M),
      fcProjW: mat(n.fcProjW, M, E),
      fcProjB: vec(n.fcProjB, E),
    };
  });

  const t1 = (w: WeightTensor) => tf.tensor1d(w.data, 'float32');
  const t2 = (w: WeightTensor) => tf.tensor2d(w.data, [w.shape[0], w.shape[1]], 'float32');
  const ln = ([g, b]: readonly [WeightTensor, WeightTensor]): LayerNormWeights => ({ gamma: t1(g), beta: t1(b) });
  return {
    wU: unembeddingBlocks(wte.data, config.vocab_size, E),
    wpe: t2(wpe),
    lnf: ln(lnf),
    blocks: blocks.map((b) => ({
      ln1: ln(b.ln1),
      qkvW: t2(b.qkvW),
      qkvB: t1(b.qkvB),
      projW: t2(b.projW),
      projB: t1(b.projB),
      ln2: ln(b.ln2),
      fcW: t2(b.fcW),
      fcB: t1(b.fcB),
      fcProjW: t2(b.fcProjW),
      fcProjB: t1(b.fcProjB),
    })),
  };
}

export function disposeModelTensors(m: ModelTensors): void {
  const lnTensors = (l: LayerNormWeights) => [l.gamma, l.beta];
  tf.dispose([...m.wU, m.wpe, ...lnTensors(m.lnf)]);
  for (const b of m.blocks) {
    tf.dispose([...lnTensors(b.ln1), b.qkvW, b.qkvB, b.projW, b.projB, ...lnTensors(b.ln2)]);
    tf.dispose([b.fcW, b.fcB, b.fcProjW, b.fcProjB]);
  }
}
