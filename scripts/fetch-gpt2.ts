/**
 * npm run fetch-gpt2 [-- --out DIR]
 *
 * Downloads GPT-2 small (openai-community/gpt2: config.json and model.safetensors) from the
 * Hugging Face Hub, verifies both against the sizes and hashes the Hub publishes, and converts
 * them to our float16 format in weights/gpt2/ (git-ignored), where the page finds it.
 * An interrupted download resumes where it stopped. The Hub's address comes from
 * FORWARD_PASS_HF_ENDPOINT, else HF_ENDPOINT (as huggingface_hub reads it), else huggingface.co.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertCheckpoint } from '../src/weights/convert';
import { formatBytes } from '../src/util/format';
import { HubError } from '../src/hub/hub-http';
import {
  CHECKPOINT_FILES,
  DEFAULT_HUB_ENDPOINT,
  fetchExpectedFiles,
  GPT2_SMALL_REPO,
  hubFileUrl,
  normalizeEndpoint,
  type ExpectedFile,
  type HubRepo,
} from '../src/hub/hub-repo';
import { downloadToFile } from '../src/node/node-hub-download';
import { writeWeightsDir } from '../src/node/node-writer';
import { parseFlags, usage } from './lib/args';
import { CliError, runCli } from './lib/cli-error';
import { progressBar } from './lib/progress-bar';

const FLAGS = {
  out: { kind: 'string', help: 'folder to write the converted model to (default weights/gpt2)' },
  repo: { kind: 'string', help: `Hub repository of a GPT-2 checkpoint (default ${GPT2_SMALL_REPO})` },
  revision: { kind: 'string', help: 'branch, tag or commit (default main)' },
  force: { kind: 'boolean', help: 'download and convert again even if the folder already has a model' },
  'keep-checkpoint': { kind: 'boolean', help: 'keep the downloaded Hugging Face files (548 MB) in DIR/.checkpoint' },
  help: { kind: 'boolean', help: 'show this help' },
} as const;

const SUMMARY =
  'Downloads GPT-2 small from the Hugging Face Hub, verifies it and converts it to float16 for the page.\n' +
  `Set FORWARD_PASS_HF_ENDPOINT (or HF_ENDPOINT) to use a mirror; default ${DEFAULT_HUB_ENDPOINT}.`;

const defaultOut = fileURLToPath(new URL('../weights/gpt2', import.meta.url));
const shortPath = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p) || '.');

function hubFromEnv(repo: string, revision: string): HubRepo {
  const raw = process.env.FORWARD_PASS_HF_ENDPOINT || process.env.HF_ENDPOINT || DEFAULT_HUB_ENDPOINT;
  return { endpoint: normalizeEndpoint(raw), repo, revision };
}

/** Adds what a person at a terminal can do about a network failure. */
function withHint(e: unknown): unknown {
  if (e instanceof HubError && (e.kind === 'network' || e.kind === 'timeout')) {
    // A download cut short keeps its .part file: the next run continues from there.
    if (/download (interrupted|stalled)/.test(e.message)) return new CliError(`${e.message}; run again to resume`);
    return new CliError(`${e.message}; check your connection (or set FORWARD_PASS_HF_ENDPOINT to a mirror)`);
  }
  return e;
}

function modelCard(hub: HubRepo, expected: ReadonlyMap<string, ExpectedFile>, parameters: number): string {
  const st = expected.get('model.safetensors')!;
  const title = hub.repo === GPT2_SMALL_REPO ? "GPT-2 small: OpenAI's 124M-parameter GPT-2" : hub.repo;
  return `# ${title}

Downloaded from ${hubFileUrl(hub, '')} by \`npm run fetch-gpt2\`
and converted to this project's float16 format (src/weights/FORMAT.md).

- Source: model.safetensors, ${st.size.toLocaleString('en-US')} bytes${st.sha256 ? `, SHA-256 ${st.sha256}` : ''} (verified against the Hub).
- Parameters: ${parameters.toLocaleString('en-US')} (the unembedding is tied to wte and not stored twice).
- Precision: float32 weights rounded to float16 (round to nearest, ties to even); the page widens them back to float32.
- Licence: MIT, as published by OpenAI (see the model card on the Hub). Not committed to this repository (weights/gpt2/ is git-ignored).
`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), FLAGS);
  if (flags.help) {
    process.stdout.write(usage('fetch-gpt2', SUMMARY, FLAGS));
    return;
  }
  const out = flags.out ?? defaultOut;
  const hub = hubFromEnv(flags.repo ?? GPT2_SMALL_REPO, flags.revision ?? 'main');
  if (!flags.force && existsSync(join(out, 'model.json'))) {
    console.log(`${shortPath(out)} already holds a converted model (use --force to download it again)`);
    printHowToOpen(out);
    return;
  }

  console.log(`checking ${hub.repo}@${hub.revision} on ${hub.endpoint}`);
  const expected = await fetchExpectedFiles(hub).catch((e: unknown) => Promise.reject(withHint(e)));
  const checkpoint = join(out, '.checkpoint');
  await mkdir(checkpoint, { recursive: true });

  for (const file of CHECKPOINT_FILES) {
    const want = expected.get(file)!;
    const bar = progressBar(file.padEnd(17));
    try {
      const result = await downloadToFile(hubFileUrl(hub, file), join(checkpoint, file), file, want, {
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.finish();
      if (result.downloaded && result.resumedFrom > 0) console.log(`  resumed from ${formatBytes(result.resumedFrom)}`);
      console.log(`  ${file}: ${formatBytes(want.size)}, ${want.sha256 ? 'SHA-256' : 'git SHA-1'} verified`);
    } catch (e) {
      bar.finish();
      throw withHint(e);
    }
  }

  console.log('converting to float16...');
  let configJson: unknown;
  try {
    configJson = JSON.parse(readFileSync(join(checkpoint, 'config.json'), 'utf8'));
  } catch {
    throw new CliError(`${join(checkpoint, 'config.json')} is not valid JSON`);
  }
  const safetensors = readFileSync(join(checkpoint, 'model.safetensors'));
  const name = hub.repo === GPT2_SMALL_REPO ? 'GPT-2 small' : hub.repo;
  const packed = await convertCheckpoint(configJson, safetensors, { name });
  const written = writeWeightsDir(out, packed);
  writeFileSync(join(out, 'MODEL_CARD.md'), modelCard(hub, expected, packed.parameters));
  if (!flags['keep-checkpoint']) rmSync(checkpoint, { recursive: true, force: true });
  console.log(
    `wrote ${shortPath(out)}: ${packed.modelJson.weightsManifest[0].weights.length} tensors, ` +
      `${packed.parameters.toLocaleString('en-US')} parameters, ` +
      `${formatBytes(written)} in ${packed.shards.length} shard(s) (float16)`,
  );
  printHowToOpen(out);
}

function printHowToOpen(out: string): void {
  if (out === defaultOut) {
    console.log(
      'open it in the page: npm run dev, then choose "GPT-2 small (local)" in the model menu (or add ?model=gpt2-local to the URL)',
    );
  } else {
    console.log(`use it from the command line: npm run trace -- --model ${shortPath(out)} --text "Hello"`);
  }
}

runCli('fetch-gpt2', main);
