/**
 * Hostile and unusual prompts through the whole path the page and CLI take: normalize,
 * encode, keep the last n_positions tokens, trace. Every traced number must be finite,
 * and the tokens must give the prompt back. Runs on the wasm backend with tiny-random
 * (cpu computes the same, golden.test.ts checks it, but is several times slower).
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend';
import { dirSource } from '../../src/node/node-source';
import { nodeWasmPaths } from '../../src/node/node-wasm';
import { createRuntime } from '../../src/model/runtime';
import { logitLensOf, type LogitLens } from '../../src/model/logit-lens';
import type { GPT2Runtime, Matrix, TraceSummary } from '../../src/model/types';
import { loadWeights } from '../../src/weights/weights';
import { decode, encodeToIds, fitToContext, normalizePrompt } from '../../src/tokenizer';

let runtime: GPT2Runtime;
let limit: number;

beforeAll(async () => {
  expect(await selectBackend(['wasm'], { wasmPaths: nodeWasmPaths() })).toBe('wasm');
  const { config, tensors } = await loadWeights(dirSource('weights/tiny-random'));
  runtime = await createRuntime(config, tensors);
  limit = config.n_positions;
});

afterAll(() => runtime?.dispose());

/** The name of the first field holding NaN or +-Infinity, or null when every number is finite. */
function firstNonFinite(s: TraceSummary, lens: LogitLens): string | null {
  const arrays: [string, ArrayLike<number>][] = [
    ['embed', s.embed.data],
    ['posEmbed', s.posEmbed.data],
    ...s.resid.map((m: Matrix, l): [string, ArrayLike<number>] => [`resid[${l}]`, m.data]),
    ['lnFinal', s.lnFinal.data],
    ['lastLogits', s.lastLogits],
  ];
  for (const [name, data] of arrays) {
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return `${name}[${i}] = ${data[i]}`;
  }
  const scores = [
    ...s.predictions.flatMap((p, t) => [
      [`entropy@${t}`, p.entropy] as const,
      ...(p.nextLogprob === null ? [] : [[`nextLogprob@${t}`, p.nextLogprob] as const]),
      ...p.top.flatMap((x) => [[`top logit@${t}`, x.logit] as const, [`top logprob@${t}`, x.logprob] as const]),
    ]),
    ...lens.flatMap((row, l) => row.flatMap((cell, t) => cell.top.map((x) => [`lens ${l},${t}`, x.logprob] as const))),
  ];
  for (const [name, v] of scores) if (!Number.isFinite(v)) return `${name} = ${v}`;
  return null;
}

/** What the page and the CLI do with a prompt: the ids the model reads, and how many were dropped. */
function modelIds(text: string): { ids: number[]; dropped: number } {
  const all = encodeToIds(text);
  const ids = fitToContext(all, limit);
  return { ids, dropped: all.length - ids.length };
}

const cases: [string, string][] = [
  ['only spaces', '     '],
  ['lone surrogates', 'a\uD800b\uDC00c\uDBFF'],
  ['control characters', '\u0000\u0001\u0007\u001b[31mred\u001b[0m\u007f\r\n\t'],
  ['right-to-left text with direction marks', 'مرحبا بالعالم \u202Eabc\u202C שלום'],
  ['combining marks', 'e\u0301\u0301\u0301 Z\u0351\u0354\u035b\u0300\u0301a\u0308'],
  ['emoji sequences', '👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 👍🏽 1️⃣'],
  ['the special token text', '<|endoftext|>Hello<|endoftext|>'],
  ['HTML and script', '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;'],
  ['a 100,000-character paste', 'The quick brown fox jumps over the lazy dog. '.repeat(2300).slice(0, 100_000)],
];

describe('the runtime on unusual prompts (wasm, tiny-random)', () => {
  it.each(cases)('%s: finite trace, the model reads the last n_positions tokens', async (_name, text) => {
    const { ids, dropped } = modelIds(text);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(limit);
    expect(decode(encodeToIds(text))).toBe(normalizePrompt(text));
    const summary = await runtime.trace(ids);
    expect(firstNonFinite(summary, await logitLensOf(runtime, summary))).toBeNull();
    expect(summary.tokenIds).toEqual(ids);
    if (dropped > 0) expect(ids).toEqual(encodeToIds(text).slice(-limit));
  });

  it('reads "<|endoftext|>" typed in a prompt as plain text, never as token 50256', () => {
    expect(encodeToIds('<|endoftext|>')).not.toContain(50256);
  });

  it('gives every traced number finite for random strings, and the text back from its tokens', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
      fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 24 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        expect(decode(encodeToIds(s))).toBe(normalizePrompt(s));
        const before = tf.memory().numTensors;
        const summary = await runtime.trace(modelIds(s).ids);
        expect(firstNonFinite(summary, await logitLensOf(runtime, summary))).toBeNull();
        expect(tf.memory().numTensors).toBe(before);
      }),
      { numRuns: 25 },
    );
  }, 600_000);
});
