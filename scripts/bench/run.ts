/**
 * Runs the grid: for each model, our runtime on wasm alternating with the peer on the same
 * weights, each in its own page, then the agreement check between them, then our other
 * backends alone. Each backend gets a fresh page.
 */
import type { Browser } from 'playwright-core';
import { oneLine } from '../lib/cli-error';
import { decodeFloat32 as decode } from './base64';
import { openPage, runInPage, type OpenPage } from './browser';
import { lengthsFor, RANDOM_GPT2, type BenchOptions } from './options';
import { runExperimentsBothSides } from './run-experiments';
import type { BackendName } from '../../src/model/types';
import type { BenchPage, OursCall, OursResult, PeerCall, PeerResult, TimingPlan } from './page/protocol';
import { alternate, pairRatios, TIMED_SECONDS, type Timed } from './paired';
import {
  peerProfiles,
  profilerEvents,
  SIDE_BY_SIDE_MAX_TOKENS,
  SIDE_BY_SIDE_RUNS,
  SIDE_BY_SIDE_WARMUPS,
} from './peer-profile';
import { ensureOnnx, readModelConfig, ONNX_DIR, WEIGHTS_DIR } from './prepare';
import { benchPrompts } from './prompts';
import { ratio } from './report-format';
import type { Agreement, BenchResults, PairedLength } from './results';
import { argmax, maxAbsDiff, summarize } from './stats';

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

type Partial = Pick<
  BenchResults,
  'ours' | 'unavailable' | 'failures' | 'peer' | 'paired' | 'agreement' | 'experiments'
>;

/** Our runtime open in one page. */
type OursPage = OpenPage<BenchPage>;

const oursTimed =
  (page: OursPage, call: OursCall): Timed =>
  (ids) =>
    page.call('oursTime', { call, ids });
const peerTimed =
  (page: OursPage, call: PeerCall): Timed =>
  (ids) =>
    page.call('peerTime', { call, ids });

/** What one prompt length's alternation measured, per side. */
interface LengthTimes {
  ours: { run: number[]; trace: number[]; nextLogits: number[] } | null;
  peer: { lastLogits: number[]; allLogits: number[] } | null;
}

/**
 * Times one prompt length: ours and the peer alternating when both are open, or the one
 * that is. (a) pairs our run with the peer's last-position graph, (b) our trace with its
 * all-position graph; nextLogits runs after them in the same round.
 */
async function timeLength(
  ours: OursPage | null,
  peer: OursPage | null,
  ids: number[],
  timing: TimingPlan,
): Promise<LengthTimes> {
  const plan = { ...timing, timedSeconds: TIMED_SECONDS };
  if (ours) {
    const pairs = await alternate(
      [
        { first: oursTimed(ours, 'run'), second: peer && peerTimed(peer, 'last') },
        { first: oursTimed(ours, 'trace'), second: peer && peerTimed(peer, 'all') },
        { first: oursTimed(ours, 'nextLogits'), second: null },
      ],
      ids,
      plan,
    );
    return {
      ours: { run: pairs[0].first, trace: pairs[1].first, nextLogits: pairs[2].first },
      peer: peer ? { lastLogits: pairs[0].second, allLogits: pairs[1].second } : null,
    };
  }
  if (!peer) return { ours: null, peer: null };
  const pairs = await alternate(
    [
      { first: peerTimed(peer, 'last'), second: null },
      { first: peerTimed(peer, 'all'), second: null },
    ],
    ids,
    plan,
  );
  return { ours: null, peer: { lastLogits: pairs[0].first, allLogits: pairs[1].first } };
}

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
  const out: Partial = {
    ours: [],
    unavailable: [],
    failures: [],
    peer: [],
    paired: [],
    agreement: [],
    experiments: [],
  };
  const dead = new Set<string>();

  const failed = (what: string, e: unknown) => {
    out.failures.push({ what, reason: oneLine(e) });
    log(`  failed: ${oneLine(e)}`);
  };

  /** Our runtime on `backend` in a new page, or null where the backend cannot start here. */
  const openOurs = async (model: string, backend: BackendName, firstPrompt: number[]) => {
    const page = await openPage<BenchPage>(browser, pageUrl, log);
    try {
      const opened = await page.call('oursOpen', {
        backend,
        modelUrl: `/weights/${model}/`,
        threads: plan.threads,
        firstPrompt,
      });
      return { page, opened };
    } catch (e) {
      await page.close();
      const reason = oneLine(e);
      if (!/no TF\.js backend could start/.test(reason)) throw e;
      dead.add(backend);
      out.unavailable.push({ backend, reason });
      log(`  ${backend} is not available here: ${reason}`);
      return null;
    }
  };

  /** Where the bench page finds the peer and the model's ONNX graphs. */
  const peerOpenJob = (model: string) => ({ onnxUrl: `/onnx/${model}/`, ortUrl: '/ort/', threads: plan.threads });

  const openPeer = async (model: string) => {
    const onnx = ensureOnnx(model);
    const page = await openPage<BenchPage>(browser, pageUrl, log);
    try {
      const opened = await page.call('peerOpen', peerOpenJob(model));
      log(`  peer: onnxruntime-web ${opened.version} on ${onnx}, ${opened.threads} thread(s)`);
      return { page, opened };
    } catch (e) {
      await page.close();
      throw e;
    }
  };

  /** The peer's last-position graph under its profiler, in a page of its own, at the given prompts. */
  const profilePeer = async (model: string, prompts: number[][]) => {
    const job = {
      ...peerOpenJob(model),
      prompts,
      warmups: SIDE_BY_SIDE_WARMUPS,
      runs: SIDE_BY_SIDE_RUNS,
    };
    const printed = await runInPage(browser, pageUrl, 'peerProfile', job, log);
    return peerProfiles(
      profilerEvents(printed),
      prompts.map((ids) => ids.length),
      job.warmups,
      job.runs,
    );
  };

  /**
   * One backend for one model, with the peer alongside on wasm: both pages open, timed in
   * alternation, then our details and the agreement check.
   */
  const runBackend = async (model: string, backend: BackendName, nPositions: number, withPeer: boolean) => {
    const lengths = lengthsFor(backend, model, options.lengths, nPositions);
    const withOurs = options.backends.includes(backend) && !dead.has(backend);
    if (lengths.length === 0 || (!withOurs && !withPeer)) return;
    const prompts = benchPrompts(lengths);
    const sideBySide = lengths.flatMap((n, i) => (n <= SIDE_BY_SIDE_MAX_TOKENS ? [i] : []));
    const who = withOurs ? `ours on ${backend}${withPeer ? ' alternating with the peer' : ''}` : 'the peer alone';
    log(`${model}: ${who}, ${lengths.join('/')} tokens`);
    let ours: Awaited<ReturnType<typeof openOurs>> = null;
    let peer: Awaited<ReturnType<typeof openPeer>> | null = null;
    try {
      if (withOurs) ours = await openOurs(model, backend, prompts[0]);
      if (withPeer) peer = await openPeer(model);
      if (!ours && !peer) return;
      const times: LengthTimes[] = [];
      for (const ids of prompts) {
        times.push(await timeLength(ours?.page ?? null, peer?.page ?? null, ids, plan));
        const t = times[times.length - 1];
        if (t.ours && t.peer) {
          const paired = pairedLength(model, ids.length, t.ours, t.peer);
          out.paired.push(paired);
          log(
            `  ${ids.length} tokens: (a) ${ratio(paired.run.median)}, (b) ${ratio(paired.trace.median)}, ` +
              `nextLogits ${ratio(paired.nextLogits.median)} (per-round medians)`,
          );
        }
      }
      const check = withPeer && ours ? lengths.indexOf(checkLength(lengths)) : -1;
      if (ours) {
        const details = await ours.page.call('oursDetails', {
          prompts,
          runs: plan.runs,
          checkPrompt: check,
          profilePrompt: backend === 'wasm' ? lengths.indexOf(profileLength(lengths)) : -1,
          sideBySidePrompts: withPeer ? sideBySide : [],
        });
        const result: OursResult = {
          ...ours.opened,
          lengths: details.lengths.map((d, i) => ({
            ...d,
            run: summarize(times[i].ours!.run),
            trace: summarize(times[i].ours!.trace),
            nextLogits: summarize(times[i].ours!.nextLogits),
          })),
          check: details.check,
          profile: details.profile,
          sideBySide: details.sideBySide,
        };
        out.ours.push({ model, result });
      }
      if (peer) {
        const heap = await peer.page.call('jsHeap', undefined);
        const oursCheck = out.ours.find((o) => o.model === model && o.result.backend === backend)?.result.check;
        const result: PeerResult = {
          ...peer.opened,
          lengths: prompts.map((ids, i) => ({
            tokens: ids.length,
            lastLogits: summarize(times[i].peer!.lastLogits),
            allLogits: summarize(times[i].peer!.allLogits),
            jsHeapBytes: heap,
          })),
          check: oursCheck
            ? await peer.page.call('peerCheck', { ids: prompts[check], positions: oursCheck.positions })
            : null,
        };
        out.peer.push({ model, result });
        const ourRun = out.ours.find((o) => o.model === model && o.result.backend === backend);
        const agreement = ourRun ? compareLogits(model, ourRun.result, result) : null;
        if (agreement) {
          out.agreement.push(agreement);
          const worst = Math.max(agreement.lastMaxAbsDiff, ...agreement.rowsMaxAbsDiff);
          log(
            `  agreement on ${model} (${agreement.tokens} tokens): max abs diff ${worst.toExponential(2)}, same top-1: ${agreement.sameTop1}`,
          );
        }
      }
      onProgress(out);
      // The peer's gigabyte goes before its profile and the experiments, which hold both prompts' runs.
      await peer?.page.close();
      peer = null;
      const peerResult = withPeer ? out.peer.find((p) => p.model === model)?.result : undefined;
      if (peerResult) {
        // A profile that fails costs its table, not the experiments after it.
        try {
          peerResult.profiles = await profilePeer(
            model,
            sideBySide.map((i) => prompts[i]),
          );
          onProgress(out);
        } catch (e) {
          failed(`the peer's profile on ${model}`, e);
        }
      }
      if (ours && options.experiments && model === RANDOM_GPT2 && backend === 'wasm') {
        const config = readModelConfig(model);
        out.experiments.push(
          await runExperimentsBothSides(ours.page, model, config, options.lengths, !options.quick, plan, log, failed),
        );
        onProgress(out);
      }
    } catch (e) {
      failed(`${model} on ${backend}${withPeer ? ' with the peer' : ''}`, e);
    } finally {
      await ours?.page.call('oursClose', undefined).catch(() => undefined);
      await ours?.page.close();
      await peer?.page.close();
    }
  };

  // Per model: our wasm runtime and the peer together (the comparison, and the logits the
  // agreement check needs), then the slower backends alone.
  for (const model of options.models) {
    const config = readModelConfig(model);
    await runBackend(model, 'wasm', config.n_positions, options.peer);
    for (const backend of options.backends.filter((b) => b !== 'wasm'))
      await runBackend(model, backend, config.n_positions, false);
  }
  return out;
}

function pairedLength(
  model: string,
  tokens: number,
  ours: NonNullable<LengthTimes['ours']>,
  peer: NonNullable<LengthTimes['peer']>,
): PairedLength {
  return {
    model,
    tokens,
    run: pairRatios(ours.run, peer.lastLogits),
    trace: pairRatios(ours.trace, peer.allLogits),
    nextLogits: pairRatios(ours.nextLogits, peer.lastLogits),
    samples: { ...ours, ...peer },
  };
}
