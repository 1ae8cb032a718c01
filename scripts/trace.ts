/**
 * npm run trace -- --model DIR --text "PROMPT" [--top 10] [--json FILE] [--backend cpu|wasm] [--truncate]
 *
 * Runs one forward pass and prints the prompt's tokens and the most likely next tokens.
 * --json FILE also writes the residual stream, attention patterns, final LayerNorm output
 * and logits (see scripts/lib/trace-json.ts for the layout).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseCommand, wholeNumber } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { commonFlags, openPrompt } from './lib/common-flags';
import { describeConfig } from './lib/open-model';
import { traceJson } from './lib/trace-json';
import { softmax, topTokens } from '../src/sampling';
import { tokenInfo } from '../src/tokenizer';

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

const percent = (p: number) => `${(p * 100).toFixed(2).padStart(6)}%`;

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
    if (dropped > 0) out.push(`--truncate dropped the first ${dropped} tokens`);
    out.push(`${ids.length} token${ids.length === 1 ? '' : 's'} (position, id, piece, ln p of the token that follows):`);
    const pieces = ids.map((id) => tokenInfo(id).display);
    const width = Math.max(...pieces.map((p) => [...p].length));
    summary.predictions.forEach((p, t) => {
      const next = p.nextLogprob === null ? '' : p.nextLogprob.toFixed(3).padStart(9);
      const piece = pieces[t] + ' '.repeat(width - [...pieces[t]].length);
      out.push(`  ${String(t).padStart(4)}  ${String(ids[t]).padStart(5)}  ${piece}${next}`.trimEnd());
    });
    out.push(`next token (top ${top} of ${summary.lastLogits.length}, temperature 1):`);
    const probs = softmax(summary.lastLogits);
    for (const { id, prob } of topTokens(probs, top)) {
      const logit = summary.lastLogits[id].toFixed(3);
      out.push(`  ${percent(prob)}  ${String(id).padStart(5)}  ${tokenInfo(id).display}  (logit ${logit})`);
    }
    process.stdout.write(`${out.join('\n')}\n`);

    if (args.json !== undefined) {
      const json = await traceJson(runtime, summary, weights.dir);
      await writeFile(args.json, JSON.stringify(json)).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`cannot write ${args.json}: ${error.code ?? error.message}`);
      });
      process.stdout.write(`wrote ${args.json}\n`);
    }
  } finally {
    runtime.dispose();
  }
}

runCli('trace', main);
