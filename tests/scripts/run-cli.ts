/** Spawns a CLI the way a user runs it (through tsx, without npm's own stderr notices). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export const TINY = 'weights/tiny-random';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(script: 'trace' | 'generate' | 'analogies', args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [`scripts/${script}.ts`, ...args], {
      cwd: root,
      env: { ...process.env, FORWARD_PASS_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A bad-input run: non-zero exit, exactly one line on stderr, no stack trace. */
export function expectOneLineError(result: CliResult, message: RegExp): void {
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  if (result.code === 0 || lines.length !== 1 || !message.test(lines[0]) || /\n\s+at /.test(result.stderr)) {
    throw new Error(
      `expected one error line matching ${message}, got exit ${result.code} and stderr:\n${result.stderr}`,
    );
  }
}
