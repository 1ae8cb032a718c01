/** The command-line trace of a prompt (npm run trace --json), the reference the page is compared with. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceJson } from '../../scripts/lib/trace-json';

/** `extra`: more flags, e.g. ['--ablate', 'blocks.1.attn.hook_z:head=0'] or ['--attribute', ' Mary']. */
export function cliTrace(model: string, text: string, extra: string[] = []): TraceJson {
  const dir = mkdtempSync(join(tmpdir(), 'forward-pass-trace-'));
  try {
    const file = join(dir, 'trace.json');
    const run = spawnSync(
      'npx',
      ['tsx', 'scripts/trace.ts', '--model', `weights/${model}`, '--text', text, '--json', file, ...extra],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new Error(`trace CLI failed: ${run.stderr.trim().split('\n').pop()}`);
    return JSON.parse(readFileSync(file, 'utf8')) as TraceJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
