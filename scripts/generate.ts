/**
 * npm run generate -- --model DIR --text "PROMPT" --tokens N [--temperature T] [--top-k K] [--top-p P] [--seed S]
 *
 * Continues a prompt token by token over the runtime's KV cache, printing the text as it
 * grows. Sampling is the same pure code the page uses (src/sampling).
 */
import { parseCommand, wholeNumber, type ParsedFlags } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { commonFlags, openPrompt } from './lib/common-flags';
import { describeConfig } from './lib/open-model';
import { droppedNotice } from './lib/prompt';
import {
  createRng,
  sample,
  SamplingOptionsError,
  validateSamplingOptions,
  type SamplingOptions,
} from '../src/sampling';
import { tokenBytes } from '../src/tokenizer';
import { createTextStream } from '../src/tokenizer/text-stream';

const flags = {
  ...commonFlags,
  tokens: { kind: 'number', help: 'how many tokens to generate (default 20)' },
  temperature: { kind: 'number', help: 'softmax temperature, 0 = always the most likely token (default 1)' },
  'top-k': { kind: 'number', help: 'sample among the k most likely tokens, 0 = off (default 0)' },
  'top-p': { kind: 'number', help: 'sample among the smallest set reaching probability p, 1 = off (default 1)' },
  seed: { kind: 'number', help: 'random seed, for a repeatable continuation (default: random, printed)' },
} as const;

function samplingOptions(args: ParsedFlags<typeof flags>): SamplingOptions {
  try {
    return validateSamplingOptions({
      temperature: args.temperature ?? 1,
      topK: args['top-k'] ?? 0,
      topP: args['top-p'] ?? 1,
    });
  } catch (error) {
    if (error instanceof SamplingOptionsError) throw new CliError(`--${error.message} (see --help)`, 2);
    throw error;
  }
}

async function main(): Promise<void> {
  const args = parseCommand('generate', 'Continues a prompt with GPT-2, printing the text as it grows.', flags);
  if (args === undefined) return;
  const count = wholeNumber('tokens', args.tokens ?? 20, 1);
  const options = samplingOptions(args);
  const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 32) : wholeNumber('seed', args.seed, 0);
  const rng = createRng(seed);

  const { weights, runtime, ids, dropped } = await openPrompt(args);
  const { temperature, topK, topP } = options;
  process.stderr.write(
    `model ${weights.dir}: ${describeConfig(weights.config)}; backend ${runtime.backend}; ` +
      `temperature ${temperature}, top-k ${topK}, top-p ${topP}, seed ${seed}` +
      (dropped > 0 ? `; ${droppedNotice(dropped, weights.config.n_positions)}` : '') +
      '\n',
  );
  // Prompt and continuation are one byte stream: a character can span tokens, even across
  // the two, and bytes left incomplete are printed as "<E4 BD>", never as U+FFFD.
  const text = createTextStream();
  process.stdout.write(ids.map((id) => text.push(tokenBytes(id))).join(''));
  const start = await runtime.startGeneration(ids);
  const { session } = start;
  try {
    let logits = start.logits;
    for (let n = 0; n < count; n++) {
      const { id } = sample(logits, options, rng);
      process.stdout.write(text.push(tokenBytes(id)));
      if (n === count - 1) break;
      if (session.length >= weights.config.n_positions) {
        process.stderr.write(
          `\nstopped after ${n + 1} tokens: the context is full (${weights.config.n_positions} positions)\n`,
        );
        break;
      }
      logits = await session.step(id);
    }
    process.stdout.write(`${text.end()}\n`);
  } finally {
    session.dispose();
    runtime.dispose();
  }
}

runCli('generate', main);
