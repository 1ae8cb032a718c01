/**
 * The peer's own profile, read from what onnxruntime-web prints. With enableProfiling, its
 * wasm build writes the profiler's events to the console as one JSON object per line when
 * the session's profiling ends: a "model_run" event per session.run, and a "<node>_kernel_time"
 * event per node it ran, with the node's operator type. This turns those lines into the same
 * shape as our tf.profile figures: time per operator type within one call.
 */
import type { KernelTime, SideBySideProfile } from './page/protocol';

/** Untimed calls per prompt length on each side before the profiled ones. */
export const SIDE_BY_SIDE_WARMUPS = 1;

/** Profiled calls per prompt length on each side (the median one is kept). */
export const SIDE_BY_SIDE_RUNS = 5;

/** Prompt lengths profiled side by side: those up to this many tokens (the profile of a long one adds little). */
export const SIDE_BY_SIDE_MAX_TOKENS = 256;

interface ProfilerEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args?: { op_name?: string };
}

/** The profiler events among printed lines; other lines are skipped. */
export function profilerEvents(lines: readonly string[]): ProfilerEvent[] {
  const events: ProfilerEvent[] = [];
  for (const raw of lines) {
    for (const line of raw.split('\n')) {
      const text = line.trim().replace(/,$/, '');
      if (!text.startsWith('{') || !text.includes('"cat"')) continue;
      try {
        const e = JSON.parse(text) as ProfilerEvent;
        if (typeof e.ts === 'number' && typeof e.dur === 'number') events.push(e);
      } catch {
        // A line cut short or not an event: nothing to count.
      }
    }
  }
  return events;
}

/** Per operator type, the kernel time of the nodes that ran inside one run, biggest first. */
function runKernels(run: ProfilerEvent, nodes: readonly ProfilerEvent[]): KernelTime[] {
  const byOp = new Map<string, KernelTime>();
  for (const n of nodes) {
    if (n.ts < run.ts || n.ts > run.ts + run.dur) continue;
    const op = n.args?.op_name ?? 'unknown';
    const entry = byOp.get(op) ?? { kernel: op, calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += n.dur / 1000;
    byOp.set(op, entry);
  }
  return [...byOp.values()].sort((a, b) => b.ms - a.ms);
}

const total = (kernels: readonly KernelTime[]) => kernels.reduce((s, k) => s + k.ms, 0);

/**
 * The median run of each prompt length: the runs come in the order they were made,
 * `warmups` then `runs` per length; of the timed ones, the one whose kernels took the
 * median time (a single call, so its operators add up; a median per operator would not).
 */
export function peerProfiles(
  events: readonly ProfilerEvent[],
  lengths: readonly number[],
  warmups: number,
  runs: number,
): SideBySideProfile[] {
  const modelRuns = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  const perLength = warmups + runs;
  if (modelRuns.length !== lengths.length * perLength) {
    throw new Error(
      `the peer's profile holds ${modelRuns.length} runs, not the ${lengths.length * perLength} it was asked for`,
    );
  }
  const nodes = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
  return lengths.map((tokens, i) =>
    medianProfile(
      modelRuns
        .slice(i * perLength + warmups, (i + 1) * perLength)
        .map((run) => ({ tokens, wallMs: run.dur / 1000, kernels: runKernels(run, nodes) })),
    ),
  );
}

/** Of several profiles of one call, the one whose kernels took the median time. */
export function medianProfile<T extends { kernels: KernelTime[] }>(profiles: readonly T[]): T {
  const sorted = [...profiles].sort((a, b) => total(a.kernels) - total(b.kernels));
  return sorted[Math.floor(sorted.length / 2)];
}
