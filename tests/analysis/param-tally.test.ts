import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  manifestParameterCount,
  parameterTally,
  tallyOf,
  tallyTotal,
  totalParams,
  weightCount,
} from '../../src/analysis/param-tally';
import { parseConfig } from '../../src/model/config';
import { weightsUpTo } from '../../src/stages/registry';

const GPT2_SMALL = {
  n_layer: 12,
  n_head: 12,
  n_embd: 768,
  n_positions: 1024,
  vocab_size: 50257,
  layer_norm_epsilon: 1e-5,
};

const manifestOf = (dir: string) => JSON.parse(readFileSync(`weights/${dir}/model.json`, 'utf8'));

describe('parameterTally', () => {
  it('gives GPT-2 small 124,439,808 weights with the unembedding tied', () => {
    const items = parameterTally(GPT2_SMALL);
    expect(tallyTotal(items)).toBe(124_439_808);
    expect(items.find((i) => i.kind === 'tokenEmbedding')!.count).toBe(38_597_376);
    expect(items.find((i) => i.kind === 'unembedding')!.count).toBe(0);
    expect(items.find((i) => i.kind === 'mlpUp')).toMatchObject({ each: 768 * 3072 + 3072, times: 12 });
  });

  it('counts one kind or all: W_E 38,597,376, W_P 786,432, in all 124,439,808', () => {
    expect(weightCount(GPT2_SMALL, 'tokenEmbedding')).toBe(38_597_376);
    expect(weightCount(GPT2_SMALL, 'positionEmbedding')).toBe(786_432);
    expect(totalParams(GPT2_SMALL)).toBe(124_439_808);
  });

  it('runs up stage by stage to the total', () => {
    const items = parameterTally(GPT2_SMALL);
    expect(tallyOf(items, weightsUpTo('tokens'))).toBe(0);
    expect(tallyOf(items, weightsUpTo('embed'))).toBe(38_597_376);
    expect(tallyOf(items, weightsUpTo('position'))).toBe(38_597_376 + 786_432);
    expect(tallyOf(items, weightsUpTo('blocks'))).toBe(124_439_808 - 2 * 768);
    expect(tallyOf(items, weightsUpTo('generate'))).toBe(124_439_808);
  });

  // Every model folder present here: the formula must equal the sum of the tensor sizes its manifest lists.
  for (const dir of ['tiny-random', 'gpt2-mini-circuits', 'gpt2-random', 'gpt2']) {
    it.runIf(existsSync(`weights/${dir}/model.json`))(
      `equals the sum of tensor sizes in weights/${dir}/model.json`,
      () => {
        const manifest = manifestOf(dir);
        expect(tallyTotal(parameterTally(parseConfig(manifest.config)))).toBe(manifestParameterCount(manifest));
      },
    );
  }

  it('is checked against at least the committed fixture', () => {
    expect(existsSync('weights/tiny-random/model.json')).toBe(true);
  });
});
