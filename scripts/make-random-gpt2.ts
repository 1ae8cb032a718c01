/**
 * npm run make-random-gpt2 -- [--out DIR] [--layers N] [--heads N] [--embd N]
 *                              [--positions N] [--vocab N] [--seed N] [--name NAME]
 *
 * Writes seeded random GPT-2 weights straight into our format, GPT-2 small's shape by
 * default (12 layers, 12 heads, 768 wide, 1,024 positions, 50,257 tokens) in
 * weights/gpt2-random/: real sizes and magnitudes for memory tests and benchmarks,
 * without Python or a download. The model has learned nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type GPT2Config } from '../src/model/config';
import { writeWeightsDir } from '../src/node/node-writer';
import { packWeights } from '../src/weights/pack-weights';
import { INIT_STD, randomGpt2Fill } from '../src/weights/random-weights';

const USAGE =
  'usage: npm run make-random-gpt2 -- [--out DIR] [--layers N] [--heads N] [--embd N] [--positions N] [--vocab N] [--seed N] [--name NAME]';

const NUMBER_OPTIONS = {
  '--layers': 'n_layer',
  '--heads': 'n_head',
  '--embd': 'n_embd',
  '--positions': 'n_positions',
  '--vocab': 'vocab_size',
  '--seed': 'seed',
} as const;

interface Options {
  out: string;
  name: string;
  seed: number;
  config: GPT2Config;
}

function parseArgs(argv: string[]): Options {
  const values: Record<string, number> = {
    n_layer: 12,
    n_head: 12,
    n_embd: 768,
    n_positions: 1024,
    vocab_size: 50257,
    layer_norm_epsilon: 1e-5,
    seed: 1,
  };
  let out = 'weights/gpt2-random';
  let name: string | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--out') out = value;
    else if (flag === '--name') name = value;
    else if (flag in NUMBER_OPTIONS) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a whole number, got "${value}"`);
      values[NUMBER_OPTIONS[flag as keyof typeof NUMBER_OPTIONS]] = n;
    } else throw new Error(`unknown option ${flag}`);
  }
  const config = parseConfig(values);
  return {
    out,
    seed: values.seed,
    config,
    name: name ?? `random GPT-2 (${config.n_layer} layers, ${config.n_embd} wide)`,
  };
}

function modelCard(o: Options, parameters: number, bytes: number): string {
  const c = o.config;
  return `# ${o.name}

**Random weights, made by scripts/make-random-gpt2.ts. The model has learned nothing.**
For memory tests and benchmarks: GPT-2's shapes and initial magnitudes, no download.

| | |
|---|---|
| layers / heads / width | ${c.n_layer} / ${c.n_head} / ${c.n_embd} |
| context / vocabulary | ${c.n_positions} / ${c.vocab_size} |
| parameters | ${parameters.toLocaleString('en-US')} |
| storage | float16, ${bytes.toLocaleString('en-US')} bytes |

Made with \`npm run make-random-gpt2 -- --layers ${c.n_layer} --heads ${c.n_head} --embd ${c.n_embd} --positions ${c.n_positions} --vocab ${c.vocab_size} --seed ${o.seed}\`:
matrices and embeddings N(0, ${INIT_STD}), the residual-stream projections (c_proj) N(0, ${INIT_STD} / sqrt(2 n_layer)),
biases 0 and LayerNorm gains 1, as Hugging Face initialises GPT-2; mulberry32 seeded with ${o.seed}, Box-Muller normals.
`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const packed = await packWeights(options.config, options.name, randomGpt2Fill(options.config, options.seed));
  const bytes = writeWeightsDir(options.out, packed);
  writeFileSync(join(options.out, 'MODEL_CARD.md'), modelCard(options, packed.parameters, bytes));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${options.out}: ${packed.parameters.toLocaleString('en-US')} parameters, ` +
      `${bytes.toLocaleString('en-US')} bytes in ${packed.shards.length} shard(s) (float16), ${seconds} s`,
  );
}

main().catch((e: unknown) => {
  console.error(`make-random-gpt2: ${e instanceof Error ? e.message : String(e)}`);
  console.error(USAGE);
  process.exit(1);
});
