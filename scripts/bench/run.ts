/**
 * Runs the grid: for each model, our runtime on each backend, then the peer on the same
 * weights, then the agreement check between them. Each job runs in a fresh page.
 */
import type { Browser } from 'playwright-core';
import { oneLine } from '../lib/cli-error';
import { runInPage } from './browser';
import { lengthsFor, type BenchOptions } from './options';
import type { BackendName } from '../../src/model/types';
import type { OursResult, PeerResult, TimingPlan } from './page/protocol';
import { ensureOnnx, readModelConfig, ONNX_DIR, WEIGHTS_DIR } from './prepare';
import { benchPrompts } from './prompts';
import type { Agreement, BenchResults } from './results';
import { argmax, maxAbsDiff } from './stats';

/** URL prefixes the bench server mounts, and the folders behind them. */
export const MOUNTS = (pageDir: string): Record<string, string> => ({
  '/': pageDir,
  '/weights/': WEIGHTS_DIR,
  '/onnx/': ONNX_DIR,
  '/tfjs-wasm/': 'node_modules/@tensorflow/tfjs-backend-wasm/dist',
  '/ort/': 'node_modules/onnxruntime-web/dist',
});

/** Prompt length used for the agreement check: 64 tokens when run, else the shortest. */
const checkLength = (lengths: number[]) => (lengths.includes(64) ? 64 : Math.min(...lengths));

/** Prompt length profiled kernel by kernel: 256 tokens when run, else the longest up to that. */
const profileLength = (lengths: number[]) => Math.max(...lengths.filter((n) => n <= 256), Math.min(...lengths));

const decode = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

export function compareLogits(model: string, ours: OursResult, peer: PeerResult): Agreement | null {
  if (!ours.check || !peer.check) return null;
  const oursRows = ours.check.rows.map(decode);
  const peerRows = peer.check.rows.map(decode);
  const [oursLast, peerLast] = [decode(ours.check.last), decode(peer.check.last)];
  const pairs = [...oursRows.map((r, i) => [r, peerRows[i]]), [oursLast, peerLast]];
  return {
    model,
    tokens: ours.check.tokens,
    positions: ours.check.positions,
    rowsMaxAbsDiff: oursRows.map((r, i) => maxAbsDiff(r, peerRows[i])),
    lastMaxAbsDiff: maxAbsDiff(oursLast, peerLast),
    sameTop1: pairs.every(([a, b]) => argmax(a) === argmax(b)),
  };
}

type Partial = Pick<BenchResults, 'ours' | 'unavailable' | 'failures' | 'peer' | 'agreement'>;

export async function runGrid(
  browser: Browser,
  serverUrl: string,
  options: BenchOptions,
  log: (line: string) => void,
  /** Called with the results so far after every job, so an interrupted run still leaves them. */
  onProgress: (soFar: Partial) => void,
): Promise<Partial> {
  const pageUrl = `${serverUrl}/index.html`;
  const plan: TimingPlan = { runs: options.runs, warmupSeconds: options.warmupSeconds, threads: options.threads };
  const out: Partial = { ours: [], unavailable: [], failures: [], peer: [], agreement: [] };
  const dead = new Set<string>();

  const failed = (what: string, e: unknown) => {
    out.failures.push({ what, reason: oneLine(e) });
    log(`  failed: ${oneLine(e)}`);
  };

  const runOurs = async (
    model: string,
    backend: BackendName,
    nPositions: number,
    withCheck: boolean,
  ): Promise<OursResult | null> => {
    if (dead.has(backend)) return null;
    const lengths = lengthsFor(backend, model, options.lengths, nPositions);
    if (lengths.length === 0) return null;
    log(`ours: ${model} on ${backend}, ${lengths.join('/')} tokens`);
    try {
      const result = await runInPage(
        browser,
        pageUrl,
        'ours',
        {
          backend,
          modelUrl: `/weights/${model}/`,
          prompts: benchPrompts(lengths),
          plan,
          checkPrompt: withCheck ? lengths.indexOf(checkLength(lengths)) : -1,
          profilePrompt: backend === 'wasm' ? lengths.indexOf(profileLength(lengths)) : -1,
        },
        log,
      );
      out.ours.push({ model, result });
      onProgress(out);
      return result;
    } catch (e) {
      const reason = oneLine(e);
      if (!/no TF\.js backend could start/.test(reason)) {
        failed(`ours: ${model} on ${backend}`, e);
        return null;
      }
      dead.add(backend);
      out.unavailable.push({ backend, reason });
      log(`  ${backend} is not available here: ${reason}`);
      return null;
    }
  };

  const runPeer = async (model: string, nPositions: number, checkSource: OursResult | null): Promise<void> => {
    const onnx = ensureOnnx(model);
    const lengths = options.lengths.filter((n) => n <= nPositions);
    const check = checkSource?.check
      ? { prompt: lengths.indexOf(checkSource.check.tokens), positions: checkSource.check.positions }
      : null;
    log(`peer: onnxruntime-web on ${model} (${onnx}), ${lengths.join('/')} tokens`);
    try {
      const result = await runInPage(
        browser,
        pageUrl,
        'peer',
        { onnxUrl: `/onnx/${model}/`, ortUrl: '/ort/', prompts: benchPrompts(lengths), plan, check },
        log,
      );
      out.peer.push({ model, result });
      const agreement = checkSource ? compareLogits(model, checkSource, result) : null;
      if (agreement) {
        out.agreement.push(agreement);
        const worst = Math.max(agreement.lastMaxAbsDiff, ...agreement.rowsMaxAbsDiff);
        log(
          `  agreement on ${model} (${agreement.tokens} tokens): max abs diff ${worst.toExponential(2)}, same top-1: ${agreement.sameTop1}`,
        );
      }
      onProgress(out);
    } catch (e) {
      failed(`peer: ${model}`, e);
    }
  };

  // Per model: our wasm run, then the peer right after it (the comparison, and the logits
  // the agreement check needs), then the slower backends.
  for (const model of options.models) {
    const config = readModelConfig(model);
    const wasm = options.backends.includes('wasm')
      ? await runOurs(model, 'wasm', config.n_positions, options.peer)
      : null;
    if (options.peer) await runPeer(model, config.n_positions, wasm);
    for (const backend of options.backends.filter((b) => b !== 'wasm'))
      await runOurs(model, backend, config.n_positions, false);
  }
  return out;
}
