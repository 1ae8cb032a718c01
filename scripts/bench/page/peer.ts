/**
 * The peer: onnxruntime-web (wasm) running the same weights exported to ONNX
 * (tools/export_onnx.py). It is loaded from its own dist files as shipped, not bundled,
 * so its worker threads start the way they would on any page.
 */
import type * as Ort from 'onnxruntime-web';
import { logitRows, timeOnce } from './measure';
import type { LogitRows, PeerCall, PeerOpened, PeerOpenJob, PeerProfileJob } from './protocol';

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

async function loadGraph(
  ort: OrtModule,
  job: PeerOpenJob,
  name: string,
  options: Ort.InferenceSession.SessionOptions = {},
): Promise<LoadedGraph> {
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
      ...options,
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

/** The page's two sessions, open from peerOpen until peerClose. */
let open: { ort: OrtModule; sessions: Record<PeerCall, Ort.InferenceSession> } | null = null;

function opened(): NonNullable<typeof open> {
  if (!open) throw new Error('no peer is open on this page (call peerOpen first)');
  return open;
}

async function importOrt(job: PeerOpenJob): Promise<OrtModule> {
  const ort = (await import(/* @vite-ignore */ `${job.ortUrl}ort.wasm.min.mjs`)) as OrtModule;
  ort.env.wasm.wasmPaths = job.ortUrl;
  ort.env.wasm.numThreads = job.threads;
  ort.env.wasm.proxy = false;
  return ort;
}

/** Both graphs at once, so the script can time them in any order (about 1 GB of float32 weights for GPT-2 small). */
export async function peerOpen(job: PeerOpenJob): Promise<PeerOpened> {
  if (open) throw new Error('a peer is already open on this page');
  const ort = await importOrt(job);

  const last = await loadGraph(ort, job, 'logits-last.onnx');
  const all = await loadGraph(ort, job, 'logits-all.onnx');
  open = { ort, sessions: { last: last.session, all: all.session } };
  return {
    version: ort.env.versions.web ?? 'unknown',
    threads: ort.env.wasm.numThreads ?? 1,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    downloadBytes: { last: last.bytes, all: all.bytes },
    loadMs: { last: last.loadMs, all: all.loadMs },
  };
}

export function peerTime(job: { call: PeerCall; ids: number[] }): Promise<number> {
  const { ort, sessions } = opened();
  return timeOnce(() => logits(ort, sessions[job.call], job.ids));
}

export async function peerCheck(job: { ids: number[]; positions: number[] }): Promise<LogitRows> {
  const { ort, sessions } = opened();
  const last = await logits(ort, sessions.last, job.ids);
  const vocab = last.length;
  const every = await logits(ort, sessions.all, job.ids);
  const rows = job.positions.map((p) => every.slice(p * vocab, (p + 1) * vocab));
  return logitRows(job.ids.length, job.positions, rows, last);
}

export async function peerClose(): Promise<void> {
  if (!open) return;
  await open.sessions.last.release();
  await open.sessions.all.release();
  open = null;
}

/**
 * The last-position graph under onnxruntime's profiler, each prompt run `warmups` and then
 * `runs` times; what the profiler prints when profiling ends (scripts/bench/peer-profile.ts
 * reads it). Its wasm build prints through console.log, which is caught from before the
 * module loads, so the lines stay out of the page's console. A page of its own: the
 * profiler is on for the whole life of a session, and the module keeps the catch.
 */
export async function peerProfile(job: PeerProfileJob): Promise<string[]> {
  if (open) throw new Error('the peer is profiled in a page of its own');
  const printed: string[] = [];
  const print = console.log;
  console.log = (...args: unknown[]) => printed.push(args.map(String).join(' '));
  try {
    const ort = await importOrt(job);
    const { session } = await loadGraph(ort, job, 'logits-last.onnx', { enableProfiling: true });
    for (const ids of job.prompts) {
      for (let r = 0; r < job.warmups + job.runs; r++) await logits(ort, session, ids);
    }
    session.endProfiling();
    await session.release();
    return printed;
  } finally {
    console.log = print;
  }
}
