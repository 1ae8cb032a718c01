/**
 * npm run trace -- --model DIR --text "PROMPT" [--top 10] [--json FILE] [--backend cpu|wasm]
 *
 * A prompt longer than the model's context keeps its last n_positions tokens, with a notice.
 *
 * Runs one forward pass and prints the prompt's tokens and the most likely next tokens.
 * --json FILE also writes the residual stream, attention patterns, final LayerNorm output
 * and logits (see scripts/lib/trace-json.ts for the layout).
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCommand, wholeNumber } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { commonFlags, openPrompt } from './lib/common-flags';
import { describeConfig } from './lib/open-model';
import { droppedNotice } from './lib/prompt';
import { writeTraceJson } from './lib/trace-json';
import { formatTokens, formatTopNext } from './lib/trace-text';

const flags = {
  ...commonFlags,
  top: { kind: 'number', help: 'how many next-token candidates to print (default 10)' },
  json: { kind: 'string', help: 'also write the full trace as JSON to this file' },
} as const;

/** Fails before the (slow) model run when the JSON file cannot be written where asked. */
function checkJsonTarget(file: string): void {
  if (file.trim() === '') throw new CliError('--json needs a file name', 2);
  if (!existsSync(dirname(file))) throw new CliError(`cannot write ${file}: folder ${dirname(file)} does not exist`, 2);
}

async function main(): Promise<void> {
  const args = parseCommand('trace', 'Runs GPT-2 on a prompt and shows its tokens and next-token prediction.', flags);
  if (args === undefined) return;
  const top = wholeNumber('top', args.top ?? 10, 1);
  if (args.json !== undefined) checkJsonTarget(args.json);

  const { weights, runtime, ids, dropped } = await openPrompt(args);
  try {
    const summary = await runtime.trace(ids);
    const out: string[] = [];
    out.push(`model ${weights.dir}: ${describeConfig(weights.config)}; backend ${runtime.backend}`);
    if (dropped > 0) out.push(`note: ${droppedNotice(dropped, weights.config.n_positions)}`);
    out.push(...formatTokens(summary), ...formatTopNext(summary, top));
    process.stdout.write(`${out.join('\n')}\n`);

    if (args.json !== undefined) {
      await writeTraceJson(args.json, runtime, summary, weights.dir).catch((error: NodeJS.ErrnoException) => {
        throw error.code === undefined ? error : new CliError(`cannot write ${args.json}: ${error.code}`);
      });
      process.stdout.write(`wrote ${args.json}\n`);
    }
  } finally {
    runtime.dispose();
  }
}

runCli('trace', main);
