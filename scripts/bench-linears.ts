/**
 * npx tsx scripts/bench-linears.ts [--lengths 64,256] [--runs 7] [--warmup 4] [--rounds 2]
 *
 * The matMul kernels alone, side by side: the 48 linear layers of GPT-2 small (c_attn,
 * c_proj, c_fc, c_fc's projection in each of 12 blocks, with their biases) in TF.js on wasm
 * (XNNPACK, as our runtime runs them) and in onnxruntime-web 1.30 (MLAS), same thread count,
 * in headless Chromium, cross-origin isolated. It separates the kernels' speed from
 * everything else in the full comparison of npm run bench. Rounds alternate the two
 * runtimes, each in a fresh page, so a busy spell of the machine does not land on one side.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runCli, CliError } from './lib/cli-error';
import { launchBrowser, runInPage } from './bench/browser';
import { buildBenchPage } from './bench/build-page';
import { startStaticServer } from './bench/server';
import type { LinearsJob, LinearsPage } from './bench/linears-page/main';

const OUT = resolve('bench-results/linears');
const ONNX = resolve(OUT, 'onnx/linears.onnx');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lengths: { type: 'string', default: '64,256' },
      runs: { type: 'string', default: '7' },
      warmup: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '2' },
    },
  });
  const job: LinearsJob = {
    lengths: values.lengths.split(',').map(Number),
    threads: cpus().length,
    runs: Number(values.runs),
    warmupSeconds: Number(values.warmup),
    nLayer: 12,
    nEmbd: 768,
  };
  if (job.lengths.some((n) => !Number.isInteger(n) || n < 1) || !(job.runs >= 1))
    throw new CliError('--lengths takes positive integers, --runs at least 1');
  if (!existsSync(ONNX)) {
    mkdirSync(resolve(OUT, 'onnx'), { recursive: true });
    const made = spawnSync('python3', ['tools/export_linears_onnx.py', ONNX], { stdio: 'inherit' });
    if (made.status !== 0)
      throw new CliError('tools/export_linears_onnx.py failed (it needs python3 with numpy and onnx)');
  }
  const pageDir = resolve(OUT, 'page');
  await buildBenchPage(pageDir, resolve('scripts/bench/linears-page'));
  const server = await startStaticServer({
    '/': pageDir,
    '/linears/': resolve(OUT, 'onnx'),
    '/tfjs-wasm/': 'node_modules/@tensorflow/tfjs-backend-wasm/dist',
    '/ort/': 'node_modules/onnxruntime-web/dist',
  });
  const browser = await launchBrowser();
  try {
    console.log(
      `linear layers of GPT-2 small, ${job.runs} runs after ${job.warmupSeconds} s of warm-up; median (min-max) ms`,
    );
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const side of ['ours', 'peer'] as const) {
        const result = await runInPage<LinearsPage, typeof side>(
          browser,
          `${server.url}/index.html`,
          side,
          job,
          console.log,
        );
        const name = side === 'ours' ? 'TF.js wasm (XNNPACK)' : 'onnxruntime-web (MLAS)';
        const cells = result.times.map(
          (t, i) => `${job.lengths[i]} tokens: ${t.median.toFixed(0)} (${t.min.toFixed(0)}-${t.max.toFixed(0)})`,
        );
        console.log(`round ${round}, ${name}, ${result.threads} thread(s): ${cells.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

runCli('bench-linears', main);
