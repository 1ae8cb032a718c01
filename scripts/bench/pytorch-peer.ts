/**
 * The experiments' PyTorch peer as a child process (tools/bench_experiments.py serving):
 * the model is loaded once, then each row is sent as one line and answered as one line,
 * so the bench can alternate the peer's rows with its own. Its progress lines go to
 * stderr as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ExperimentCase, ExperimentRow } from './experiments';
import { WEIGHTS_DIR } from './prepare';

export type PytorchRow = ExperimentRow & { attention: string };

export interface PytorchVersions {
  torch: string;
  transformers: string;
  threads: number;
}

export interface PytorchPeer {
  versions: PytorchVersions;
  run(c: ExperimentCase): Promise<PytorchRow>;
  close(): Promise<void>;
}

export async function startPytorchPeer(
  model: string,
  plan: { threads: number; runs: number; warmupSeconds: number },
  jobDir: string,
): Promise<PytorchPeer> {
  mkdirSync(jobDir, { recursive: true });
  const jobPath = join(jobDir, `pytorch-job-${model}.json`);
  const job = {
    weights: join(WEIGHTS_DIR, model),
    threads: plan.threads,
    runs: plan.runs,
    warmup_seconds: plan.warmupSeconds,
  };
  writeFileSync(jobPath, JSON.stringify(job));
  const child: ChildProcess = spawn('python3', ['tools/bench_experiments.py', jobPath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  let exit: string | null = null;
  child.on('exit', (code, signal) => (exit = `exit ${code ?? signal}`));
  const nextLine = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the PyTorch peer (tools/bench_experiments.py) stopped (${exit ?? 'no answer'})`);
    return value;
  };
  const versions = JSON.parse(await nextLine()) as PytorchVersions;
  return {
    versions,
    run: async (c) => {
      child.stdin!.write(JSON.stringify(c) + '\n');
      return JSON.parse(await nextLine()) as PytorchRow;
    },
    close: async () => {
      child.stdin!.end();
      if (exit === null) await new Promise((done) => child.once('exit', done));
    },
  };
}
