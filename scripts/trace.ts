/**
 * npm run trace -- --model DIR --text "PROMPT" [--top 10] [--json FILE] [--backend cpu|wasm]
 *   [--ablate SPEC]... [--ablation zero|mean] [--scale SPEC=FACTOR]... [--patch-from TEXT --patch SPEC...]
 *   [--attribute TOKEN [--against TOKEN]]
 *
 * A prompt longer than the model's context keeps its last n_positions tokens, with a notice.
 *
 * Runs one forward pass and prints the prompt's tokens and the most likely next tokens.
 * --json FILE also writes the residual stream, attention patterns, final LayerNorm output
 * and logits (see scripts/lib/trace-json.ts for the layout). With edits every output describes
 * the edited run; --attribute adds the direct logit attribution at the last position.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCommand, wholeNumber } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { commonFlags, openPrompt } from './lib/common-flags';
import { describeConfig } from './lib/open-model';
import { type CliEdits, editFlags, editsFromFlags } from './lib/edit-flags';
import { droppedNotice, promptIds } from './lib/prompt';
import { writeTraceJson } from './lib/trace-json';
import { formatAttribution, formatEdits, formatTokens, formatTopNext } from './lib/trace-text';
import type { GPT2Runtime, TraceSummary } from '../src/model/types';

const flags = {
  ...commonFlags,
  top: { kind: 'number', help: 'how many next-token candidates to print (default 10)' },
  json: { kind: 'string', help: 'also write the full trace as JSON to this file' },
  ...editFlags,
} as const;

/** The plain trace, or the edited run when there are edits. */
async function traceOrRun(runtime: GPT2Runtime, ids: number[], cli: CliEdits): Promise<TraceSummary> {
  if (cli.edits.length === 0) return runtime.trace(ids);
  const patchFrom = cli.patchFrom === undefined ? undefined : promptIds(cli.patchFrom, runtime.config.n_positions).ids;
  return runtime.run(ids, cli.edits, { patchFrom });
}

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
  const cli = editsFromFlags(args);

  const { weights, runtime, ids, dropped } = await openPrompt(args);
  try {
    const summary = await traceOrRun(runtime, ids, cli);
    const attribution = cli.attribute && (await runtime.attribute(summary, cli.attribute));
    const out: string[] = [];
    out.push(`model ${weights.dir}: ${describeConfig(weights.config)}; backend ${runtime.backend}`);
    if (dropped > 0) out.push(`note: ${droppedNotice(dropped, weights.config.n_positions)}`);
    out.push(...formatEdits(summary), ...formatTokens(summary), ...formatTopNext(summary, top));
    if (attribution) out.push(...formatAttribution(attribution));
    process.stdout.write(`${out.join('\n')}\n`);

    if (args.json !== undefined) {
      await writeTraceJson(args.json, runtime, summary, weights.dir, attribution).catch(
        (error: NodeJS.ErrnoException) => {
          throw error.code === undefined ? error : new CliError(`cannot write ${args.json}: ${error.code}`);
        },
      );
      process.stdout.write(`wrote ${args.json}\n`);
    }
  } finally {
    runtime.dispose();
  }
}

runCli('trace', main);
