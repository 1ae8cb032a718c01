/**
 * npm run bench -- [--backends ...] [--models ...] [--lengths ...] [--runs N] [--warmup S]
 *
 * Benchmarks the real runtime in headless Chromium on every available backend, against
 * onnxruntime-web on the same weights, and measures the app page itself. Writes
 * bench-results/results.json and bench-results/BENCHMARKS.md, and for the full default grid
 * (or with --publish) BENCHMARKS.md and benchmarks.json at the repository root.
 * --rerender renders the last results again without running anything.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { CliError, runCli } from './lib/cli-error';
import { defaultModelDir } from './lib/default-model';
import { launchBrowser } from './bench/browser';
import { buildBenchPage } from './bench/build-page';
import { machineInfo, roundLoad } from './bench/machine';
import { parseBenchOptions, USAGE } from './bench/options';
import { missingPrerequisites, needsOf, thisMachine } from './bench/prerequisites';
import { renderReport } from './bench/report';
import type { BenchResults } from './bench/results';
import { MOUNTS, runGrid } from './bench/run';
import { startStaticServer } from './bench/server';
import { measureUi } from './bench/ui';

const OUT_DIR = 'bench-results';

async function main(): Promise<void> {
  const bundled = defaultModelDir().split(/[\\/]/).pop() ?? 'tiny-random';
  const options = parseBenchOptions(process.argv.slice(2), bundled, availableParallelism());
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (options.rerender) {
    const results = JSON.parse(readFileSync(`${OUT_DIR}/results.json`, 'utf8')) as BenchResults;
    writeFileSync(`${OUT_DIR}/BENCHMARKS.md`, renderReport(results));
    if (options.publish) publish();
    return;
  }
  const missing = missingPrerequisites(needsOf(options, thisMachine), thisMachine);
  if (missing.length > 0) {
    for (const line of missing) process.stderr.write(`bench: missing: ${line}\n`);
    throw new CliError(`${missing.length} prerequisite(s) missing (listed above); nothing was run`);
  }
  const started = Date.now();
  const machine = machineInfo();
  const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  log(`load average ${machine.loadStart.join(' ')} on ${machine.cores} cores`);

  const { help: _help, publish: _publish, ...recorded } = options;
  const collect = (
    grid: Omit<BenchResults, 'date' | 'options' | 'machine' | 'durationSeconds' | 'ui'>,
    ui: BenchResults['ui'],
  ): BenchResults => ({
    date: new Date(started).toISOString(),
    options: recorded,
    machine,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    ...grid,
    ui,
  });
  const save = (results: BenchResults) => {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(`${OUT_DIR}/results.json`, JSON.stringify(results, null, 1) + '\n');
    writeFileSync(`${OUT_DIR}/BENCHMARKS.md`, renderReport(results));
  };

  const pageDir = resolve(OUT_DIR, 'page');
  await buildBenchPage(pageDir);
  const server = await startStaticServer(MOUNTS(pageDir));
  const browser = await launchBrowser();
  let grid: Awaited<ReturnType<typeof runGrid>>;
  let ui: BenchResults['ui'] = null;
  try {
    // The app page first: it is quick, and an interrupted grid still leaves its figures.
    if (options.ui) ui = await measureUi(browser, bundled, log);
    grid = await runGrid(browser, server.url, options, log, (soFar) => save(collect(soFar, ui)));
  } finally {
    await browser.close();
    await server.close();
  }

  machine.loadEnd = roundLoad();
  save(collect(grid, ui));
  log(
    `wrote ${OUT_DIR}/results.json and ${OUT_DIR}/BENCHMARKS.md (load average at the end ${machine.loadEnd.join(' ')})`,
  );
  if (options.publish) publish();
}

/** The root copies; the committed JSON leaves out the raw logit rows of the agreement check (megabytes of base64). */
function publish(): void {
  const results = JSON.parse(readFileSync(`${OUT_DIR}/results.json`, 'utf8')) as BenchResults;
  for (const run of [...results.ours, ...results.peer]) run.result.check = null;
  writeFileSync('benchmarks.json', JSON.stringify(results, null, 1) + '\n');
  copyFileSync(`${OUT_DIR}/BENCHMARKS.md`, 'BENCHMARKS.md');
  console.log('copied the results to benchmarks.json and BENCHMARKS.md');
}

runCli('bench', main);
