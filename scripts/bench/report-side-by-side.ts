/**
 * The side-by-side profile in BENCHMARKS.md: one last-position call on each side, ours under
 * tf.profile and the peer under onnxruntime's profiler, at the same prompt lengths.
 */
import { ms, table } from './report-format';
import type { KernelTime, SideBySideProfile } from './page/protocol';
import type { BenchResults } from './results';
import { RANDOM_GPT2 } from './options';
import { SIDE_BY_SIDE_RUNS, SIDE_BY_SIDE_WARMUPS } from './peer-profile';

const untimed = `${SIDE_BY_SIDE_WARMUPS} untimed call${SIDE_BY_SIDE_WARMUPS === 1 ? '' : 's'}`;

/** Rows of each side's list shown; the rest are summed into one row. */
const SHOWN = 6;

function listed(kernels: readonly KernelTime[]): string[][] {
  const total = kernels.reduce((s, k) => s + k.ms, 0);
  const share = (x: number) => `${((100 * x) / total).toFixed(0)}%`;
  const rows = kernels.slice(0, SHOWN).map((k) => [`${k.kernel} (${k.calls})`, ms(k.ms), share(k.ms)]);
  const rest = kernels.slice(SHOWN);
  if (rest.length > 0) {
    const restMs = rest.reduce((s, k) => s + k.ms, 0);
    const calls = rest.reduce((s, k) => s + k.calls, 0);
    rows.push([`${rest.length} others (${calls})`, ms(restMs), share(restMs)]);
  }
  const calls = kernels.reduce((s, k) => s + k.calls, 0);
  return [...rows, [`**all** (${calls})`, `**${ms(total)}**`, '']];
}

function lengthTable(ours: SideBySideProfile, peer: SideBySideProfile): string {
  const left = listed(ours.kernels);
  const right = listed(peer.kernels);
  const height = Math.max(left.length, right.length);
  const pad = (rows: string[][], i: number) =>
    i < rows.length - 1 ? rows[i] : i === height - 1 ? rows[rows.length - 1] : ['', '', ''];
  return table(
    ['ours: kernel (calls)', 'ms', 'share', 'peer: operator (nodes)', 'ms', 'share'],
    Array.from({ length: height }, (_, i) => [...pad(left, i), ...pad(right, i)]),
  );
}

export function sideBySideSection(r: BenchResults): string {
  const model = r.ours.some((o) => o.model === RANDOM_GPT2) ? RANDOM_GPT2 : r.ours[0]?.model;
  const ours = r.ours.find((o) => o.model === model && o.result.backend === 'wasm')?.result.sideBySide ?? [];
  const peer = r.peer.find((p) => p.model === model)?.result.profiles ?? [];
  const lengths = ours.filter((o) => peer.some((p) => p.tokens === o.tokens));
  if (lengths.length === 0) return '';
  const parts = [
    `## Side by side: where one last-position call's time goes (${model}, wasm)`,
    '',
    "Our `nextLogits()` under tf.profile (time per TF.js kernel) and the peer's last-position graph under onnxruntime's own profiler " +
      `(\`enableProfiling\`; time per operator type, summed over its nodes), each profiled ${SIDE_BY_SIDE_RUNS} times after ${untimed} while the ` +
      'other side is idle; of those, the call whose kernels took the median time. Profiling adds its own cost on both ' +
      'sides, so compare the shares and the kernels, not the totals with the timings above. On our side _FusedMatMul is the 48 linear ' +
      "layers and BatchMatMul the attention heads and the unembedding row (W_U in 50 blocks); on the peer's, Gemm is the 48 linear " +
      'layers and its lm_head row, and MatMul, FusedMatMul and Softmax its attention.',
  ];
  for (const o of lengths) {
    const p = peer.find((x) => x.tokens === o.tokens)!;
    parts.push(
      '',
      `### ${o.tokens} tokens: ours ${ms(o.wallMs)} ms, the peer ${ms(p.wallMs)} ms (the profiled calls)`,
      '',
      lengthTable(o, p),
    );
  }
  return parts.join('\n');
}
