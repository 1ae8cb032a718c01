/**
 * npm run convert -- SRC_DIR OUT_DIR [--name NAME]
 *
 * Converts a Hugging Face GPT-2 checkpoint folder (config.json + model.safetensors)
 * into our weights format (model.json + float16 shards) in OUT_DIR.
 * Errors are one line on stderr with a non-zero exit.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { convertCheckpoint } from '../src/weights/convert';
import { writeWeightsDir } from '../src/node/node-writer';

const USAGE = 'usage: npm run convert -- SRC_DIR OUT_DIR [--name NAME]';

class UsageError extends Error {}

function parseArgs(argv: string[]): { src: string; out: string; name?: string } {
  const positional: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--name') {
      name = argv[++i];
      if (!name) throw new UsageError('--name needs a value');
    } else if (argv[i].startsWith('-')) {
      throw new UsageError(`unknown option ${argv[i]}`);
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 2)
    throw new UsageError(`expected SRC_DIR and OUT_DIR, got ${positional.length} argument(s)`);
  return { src: positional[0], out: positional[1], name };
}

function readCheckpointFile(dir: string, file: string): Buffer {
  const path = join(dir, file);
  if (!existsSync(path)) {
    const hint = existsSync(join(dir, 'model.safetensors.index.json'))
      ? ' (sharded checkpoints are not supported)'
      : '';
    throw new Error(`${path} not found${hint}`);
  }
  return readFileSync(path);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.src) || !statSync(args.src).isDirectory()) throw new Error(`${args.src} is not a directory`);

  let configJson: unknown;
  const configText = readCheckpointFile(args.src, 'config.json').toString('utf8');
  try {
    configJson = JSON.parse(configText);
  } catch (e) {
    throw new Error(`${join(args.src, 'config.json')} is not valid JSON (${(e as Error).message})`);
  }
  const safetensors = readCheckpointFile(args.src, 'model.safetensors');

  const name = args.name ?? basename(resolve(args.out));
  const packed = await convertCheckpoint(configJson, safetensors, { name });
  const written = writeWeightsDir(args.out, packed);
  console.log(
    `wrote ${args.out}: ${packed.modelJson.weightsManifest[0].weights.length} tensors, ` +
      `${packed.parameters.toLocaleString('en-US')} parameters, ` +
      `${written.toLocaleString('en-US')} bytes in ${packed.shards.length} shard(s) (float16)`,
  );
}

main().catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`convert: ${message}`);
  if (e instanceof UsageError) console.error(USAGE);
  process.exit(1);
});
