/** What the bench ran on, for the report: CPU, memory, load, software versions. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { CHROMIUM_PATH } from '../lib/chromium';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  /** 1, 5 and 15 minute load averages. */
  loadStart: number[];
  loadEnd: number[];
  node: string;
  chromium: string;
  tfjs: string;
  onnxruntimeWeb: string;
  gpu: string;
}

const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export const roundLoad = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadStart: roundLoad(),
    loadEnd: [],
    node: process.version,
    chromium: chromiumVersion(),
    tfjs: packageVersion('@tensorflow/tfjs-core'),
    onnxruntimeWeb: packageVersion('onnxruntime-web'),
    gpu: 'none (headless Chromium with --disable-gpu)',
  };
}
