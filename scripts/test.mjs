// Runs the whole test suite: unit tests, then end-to-end tests in headless Chromium.
// Prints one closing line "N passed, N failed" (CI reads that line) and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const outDir = 'test-results';
mkdirSync(outDir, { recursive: true });

const suites = [
  { name: 'unit', config: 'vitest.config.ts' },
  { name: 'e2e', config: 'vitest.e2e.config.ts' },
];

let passed = 0;
let failed = 0;
let broken = false;

// Formatting is checked first: a violation fails the run like a failed test.
console.log('\n== format check ==');
const format = spawnSync('npx', ['prettier', '--check', '.', '--log-level', 'warn'], { stdio: 'inherit' });
if (format.status !== 0) {
  console.error('prettier: files above are not formatted (npm run format fixes them)');
  broken = true;
}

// ESLint: the layering between folders, React's rules of hooks and the 120-character lines.
console.log('\n== lint ==');
const lint = spawnSync('npx', ['eslint', '.', '--quiet'], { stdio: 'inherit' });
if (lint.status !== 0) {
  console.error('eslint: the problems above fail the run (npm run lint)');
  broken = true;
}

for (const suite of suites) {
  if (!existsSync(suite.config)) continue;
  const report = join(outDir, `${suite.name}.json`);
  rmSync(report, { force: true });
  console.log(`\n== ${suite.name} tests ==`);
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--config', suite.config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit' },
  );
  if (!existsSync(report)) {
    console.error(`${suite.name}: vitest wrote no report (exit ${run.status})`);
    broken = true;
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  // A suite that fails to load counts no failed test but must still fail the run.
  if (run.status !== 0 && result.numFailedTests === 0) broken = true;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || broken || passed === 0 ? 1 : 0);
