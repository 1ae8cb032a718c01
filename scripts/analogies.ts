/**
 * npx tsx scripts/analogies.ts [--model DIR]
 *
 * Measures classic word analogies in a model's token embeddings (W_E) with the embedding
 * explorer's own math (src/analysis/analogy.ts): for "a − b + c ≈ d", the rank of d among all
 * tokens by cosine to a − b + c, the three inputs left out, its cosine, what comes first, and
 * what would come first if the inputs were not left out; and the average cosine between two
 * rows, the baseline those cosines are to be read against. Prints Markdown (the table in
 * weights/gpt2-mini-circuits/MODEL_CARD.md comes from here).
 */
import { meanCosine, measureAnalogy, type AnalogyIds } from '../src/analysis/analogy';
import { rowNorms } from '../src/analysis/vectors';
import { encode, tokenInfo } from '../src/tokenizer';
import { parseCommand } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { defaultModelDir } from './lib/default-model';
import { CLASSIC_ANALOGIES } from './lib/analogy-list';
import { readModel } from './lib/open-model';

const flags = {
  model: { kind: 'string', help: 'model folder (default: the bundled gpt2-mini-circuits, else tiny-random)' },
  help: { kind: 'boolean', help: 'show this help' },
} as const;

function singleToken(word: string): number {
  const pieces = encode(word);
  if (pieces.length !== 1)
    throw new CliError(`"${word}" is ${pieces.length} tokens, not one: an analogy needs one row of W_E per word`);
  return pieces[0].id;
}

const show = (id: number) => `\`${tokenInfo(id).display}\``;

async function main(): Promise<void> {
  const args = parseCommand('analogies', 'Measures word analogies in a model’s token embeddings (W_E).', flags);
  if (args === undefined) return;
  const weights = await readModel(args.model ?? defaultModelDir());
  const wte = weights.tensors.get('wte.weight');
  if (!wte) throw new CliError(`${weights.dir} has no wte.weight`);
  const m = { rows: wte.shape[0], cols: wte.shape[1], data: wte.data };
  const norms = rowNorms(m);
  const out = [
    `W_E of ${weights.dir}: ${m.rows.toLocaleString('en')} tokens x ${m.cols}; inputs left out of every ranking.`,
    `Average cosine between two different rows: ${meanCosine(m, norms).toFixed(3)}.`,
    '',
    '| analogy | expected | rank | of | cosine | nearest (cosine) | nearest with inputs kept |',
    '|---|---|---:|---:|---:|---|---|',
  ];
  for (const [a, b, c, expected] of CLASSIC_ANALOGIES) {
    const ids: AnalogyIds = {
      a: singleToken(a),
      b: singleToken(b),
      c: singleToken(c),
      expected: singleToken(expected),
    };
    const r = measureAnalogy(m, norms, ids);
    const instead = r.top.map((n) => `${show(n.id)} ${n.cosine.toFixed(3)}`).join(', ');
    out.push(
      `| ${show(ids.a)} − ${show(ids.b)} + ${show(ids.c)} | ${show(ids.expected)} | ${r.rank.toLocaleString('en')} | ${r.of.toLocaleString('en')} | ${r.cosine.toFixed(3)} | ${instead} | ${show(r.nearestWithInputs.id)} |`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

runCli('analogies', main);
