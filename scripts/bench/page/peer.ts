/**
 * The peer: onnxruntime-web (wasm) running the same weights exported to ONNX
 * (tools/export_onnx.py). It is loaded from its own dist files as shipped, not bundled,
 * so its worker threads start the way they would on any page.
 */
import type * as Ort from 'onnxruntime-web';
import { jsHeapBytes, logitRows, timeOnce, timeRuns, warmUp } from './measure';
import type { PeerJob, PeerLengthResult, PeerResult, Stat } from './protocol';

type OrtModule = typeof Ort;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

interface LoadedGraph {
  session: Ort.InferenceSession;
  bytes: number;
  loadMs: number;
}

async function loadGraph(ort: OrtModule, job: PeerJob, name: string): Promise<LoadedGraph> {
  let session!: Ort.InferenceSession;
  let bytes = 0;
  const loadMs = await timeOnce(async () => {
    const [model, data] = await Promise.all([
      fetchBytes(`${job.onnxUrl}${name}`),
      fetchBytes(`${job.onnxUrl}${name}.data`),
    ]);
    bytes = model.length + data.length;
    session = await ort.InferenceSession.create(model, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      externalData: [{ path: `${name}.data`, data }],
    });
  });
  return { session, bytes, loadMs };
}

async function logits(ort: OrtModule, session: Ort.InferenceSession, ids: number[]): Promise<Float32Array> {
  const input = new ort.Tensor(
    'int64',
    BigInt64Array.from(ids, (id) => BigInt(id)),
    [1, ids.length],
  );
  const out = await session.run({ input_ids: input });
  const tensor = out.logits;
  const data = (await tensor.getData()) as Float32Array;
  tensor.dispose();
  return data;
}

/** Warm-up then timed runs of one graph at every prompt length. */
async function timeGraph(ort: OrtModule, session: Ort.InferenceSession, job: PeerJob): Promise<Stat[]> {
  const stats: Stat[] = [];
  for (const ids of job.prompts) {
    const run = () => logits(ort, session, ids);
    await warmUp(run, job.plan.warmupSeconds);
    stats.push(await timeRuns(run, job.plan.runs));
  }
  return stats;
}

export async function runPeer(job: PeerJob): Promise<PeerResult> {
  const ort = (await import(/* @vite-ignore */ `${job.ortUrl}ort.wasm.min.mjs`)) as OrtModule;
  ort.env.wasm.wasmPaths = job.ortUrl;
  ort.env.wasm.numThreads = job.plan.threads;
  ort.env.wasm.proxy = false;

  const last = await loadGraph(ort, job, 'logits-last.onnx');
  const lastStats = await timeGraph(ort, last.session, job);
  const checkIds = job.check ? job.prompts[job.check.prompt] : null;
  const lastRow = checkIds ? await logits(ort, last.session, checkIds) : null;
  await last.session.release();

  const all = await loadGraph(ort, job, 'logits-all.onnx');
  const allStats = await timeGraph(ort, all.session, job);
  const heap = jsHeapBytes();
  let check = null;
  if (job.check && checkIds && lastRow) {
    const vocab = lastRow.length;
    const every = await logits(ort, all.session, checkIds);
    const rows = job.check.positions.map((p) => every.slice(p * vocab, (p + 1) * vocab));
    check = logitRows(checkIds.length, job.check.positions, rows, lastRow);
  }
  await all.session.release();

  const lengths: PeerLengthResult[] = job.prompts.map((ids, i) => ({
    tokens: ids.length,
    lastLogits: lastStats[i],
    allLogits: allStats[i],
    jsHeapBytes: heap,
  }));
  return {
    version: ort.env.versions.web ?? 'unknown',
    threads: ort.env.wasm.numThreads ?? 1,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    downloadBytes: { last: last.bytes, all: all.bytes },
    loadMs: { last: last.loadMs, all: all.loadMs },
    lengths,
    check,
  };
}
