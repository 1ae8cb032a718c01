/** Flags that trace and generate share, and how they turn into an opened model and prompt ids. */
import type { FlagSpecs, ParsedFlags } from './args';
import { defaultModelDir } from './default-model';
import { type LoadedWeights, parseBackend, readModel, startRuntime } from './open-model';
import { promptIds, requirePrompt } from './prompt';
import type { GPT2Runtime } from '../../src/model/types';

export const commonFlags = {
  model: {
    kind: 'string',
    help: 'model folder with model.json (default: weights/gpt2-mini-circuits, else weights/tiny-random)',
  },
  text: { kind: 'string', help: 'the prompt (required)' },
  backend: { kind: 'string', help: 'TF.js backend: wasm or cpu (default: wasm, falling back to cpu)' },
  help: { kind: 'boolean', help: 'show this help' },
} as const satisfies FlagSpecs;

export interface OpenedPrompt {
  weights: LoadedWeights;
  runtime: GPT2Runtime;
  ids: number[];
  /** Tokens removed from the front because the prompt is longer than n_positions. */
  dropped: number;
}

/**
 * Checks the flags in the order that gives the quickest clear message: prompt, backend
 * name, weights, prompt length; only then starts TF.js.
 */
export async function openPrompt(flags: ParsedFlags<typeof commonFlags>): Promise<OpenedPrompt> {
  const text = requirePrompt(flags.text);
  const backends = parseBackend(flags.backend);
  const weights = await readModel(flags.model ?? defaultModelDir());
  const { ids, dropped } = promptIds(text, weights.config.n_positions);
  const runtime = await startRuntime(weights, backends);
  return { weights, runtime, ids, dropped };
}
