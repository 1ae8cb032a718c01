/** The experiments section of BENCHMARKS.md: our rows against the PyTorch peer's, and whether they agree. */
import type { ExperimentName, ExperimentOutput, ExperimentRow, ExperimentsRun, OursExperimentRow } from './experiments';
import { decodeFloat32 as decode } from './base64';
import type { KernelTime } from './page/protocol';
import { mb, ms, ratio, stat, table } from './report-format';
import type { BenchResults } from './results';
import { EXPERIMENTS_ANALYSIS } from './report-text';
import { maxAbsDiff } from './stats';

export const EXPERIMENT_TITLES: Record<ExperimentName, string> = {
  forward: 'one plain forward (reference)',
  resid_pre_sweep: 'resid_pre patching sweep, layer x position',
  resid_pre_one_token: 'resid_pre patching sweep, one token (the middle one) corrupted',
  z_sweep: 'z patching sweep, layer x head',
  head_ablation: "one head zero-ablated, the edited run's next-token logits",
  attribution: 'direct logit attribution of one token',
  induction_probe: "induction probe: 50 random tokens twice, every head's score",
};

/**
 * The largest absolute difference between what the two sides computed for one row, or null where nothing is compared.
 */
export function outputDifference(a: ExperimentOutput, b: ExperimentOutput): number | null {
  if ('values' in a && 'values' in b) return maxAbsDiff(a.values.flat(), b.values.flat());
  if ('logits' in a && 'logits' in b) return maxAbsDiff(decode(a.logits), decode(b.logits));
  if ('components' in a && 'components' in b) {
    const names = Object.keys(b.components);
    if (names.some((n) => !(n in a.components))) return null;
    return maxAbsDiff(
      names.map((n) => a.components[n]),
      names.map((n) => b.components[n]),
    );
  }
  if ('induction' in a && 'induction' in b) return maxAbsDiff(a.induction.flat(), b.induction.flat());
  return null;
}

/** Rows of one side and the other, matched by experiment and length. */
export function matchRows(run: ExperimentsRun): {
  key: string;
  ours: OursExperimentRow | null;
  pytorch: ExperimentRow | null;
  name: ExperimentName;
  tokens: number;
}[] {
  const rows = new Map<
    string,
    { key: string; ours: OursExperimentRow | null; pytorch: ExperimentRow | null; name: ExperimentName; tokens: number }
  >();
  const entry = (r: ExperimentRow) => {
    const key = `${r.experiment}@${r.tokens}`;
    if (!rows.has(key)) rows.set(key, { key, ours: null, pytorch: null, name: r.experiment, tokens: r.tokens });
    return rows.get(key)!;
  };
  for (const r of run.pytorch?.rows ?? []) entry(r).pytorch = r;
  for (const r of run.ours ?? []) entry(r).ours = r;
  return [...rows.values()];
}

/** Kernel time of one kind, summed, in ms. */
const kernelMs = (kernels: readonly KernelTime[], name: string) => kernels.find((k) => k.kernel === name)?.ms ?? 0;

/** Where each single row's time goes on our side: the matMuls against everything else. */
function kernelSection(rows: OursExperimentRow[]): string {
  const body = rows.map((o) => {
    const kernels = o.kernels ?? [];
    const total = kernels.reduce((a, k) => a + k.ms, 0);
    const linear = kernelMs(kernels, '_FusedMatMul');
    const batched = kernelMs(kernels, 'BatchMatMul');
    const others = kernels.filter((k) => k.kernel !== '_FusedMatMul' && k.kernel !== 'BatchMatMul');
    return [
      EXPERIMENT_TITLES[o.experiment],
      String(o.tokens),
      ms(total),
      `${ms(linear)} (${((100 * linear) / total).toFixed(0)}%)`,
      `${ms(batched)} (${((100 * batched) / total).toFixed(0)}%)`,
      others
        .slice(0, 3)
        .map((k) => `${k.kernel} ${ms(k.ms)}`)
        .join(', '),
    ];
  });
  return [
    "Where our single rows' time goes: one more call of each under tf.profile, kernel time summed per TF.js kernel " +
      '(_FusedMatMul is the 48 linear layers, BatchMatMul the attention heads and the unembedding rows).',
    '',
    table(['experiment', 'tokens', 'kernel ms', '_FusedMatMul', 'BatchMatMul', 'next kernels'], body),
  ].join('\n');
}

export function experimentsSection(r: BenchResults): string {
  const parts: string[] = [];
  for (const run of r.experiments) {
    const py = run.pytorch;
    const rows = matchRows(run).map(({ ours, pytorch, name, tokens }) => {
      const diff = ours && pytorch ? outputDifference(ours.result, pytorch.result) : null;
      return [
        EXPERIMENT_TITLES[name],
        String(tokens),
        String((pytorch ?? ours)?.cells ?? '-'),
        pytorch ? stat(pytorch.ms) : '-',
        pytorch && pytorch.cells > 1 ? ms(pytorch.ms.median / pytorch.cells) : '-',
        ours ? stat(ours.ms) : '-',
        ours && pytorch ? ratio(ours.ms.median / pytorch.ms.median) : '-',
        ours?.withoutHeldTrace
          ? `${stat(ours.withoutHeldTrace)}` +
            (pytorch ? ` (${ratio(ours.withoutHeldTrace.median / pytorch.ms.median)})` : '')
          : '-',
        ours?.naive
          ? `${ms(ours.naive.totalMs)} (${ratio(ours.naive.totalMs / ours.ms.median)}; ${ours.naive.cellsTimed} cells timed)`
          : '-',
        ours?.peakTensorBytes ? mb(ours.peakTensorBytes) : '-',
        ours?.longestProgressGapMs != null ? ms(ours.longestProgressGapMs) : '-',
        diff === null ? '-' : diff.toExponential(1),
      ];
    });
    parts.push(
      `## Experiments against PyTorch (${run.model}, ms)`,
      '',
      'The peer is what a practitioner runs today: Hugging Face transformers ' +
        (py ? `${py.transformers} on torch ${py.torch}, ${py.threads} thread(s), ` : '') +
        'GPT2LMHeadModel on the same weights with forward hooks, the way TransformerLens patches and ablates ' +
        '(tools/bench_experiments.py): a sweep caches the clean run and then makes one hooked forward of the corrupted prompt per cell, ' +
        'each a full forward with logits at every position as a tutorial writes it. Ours is the runtime in the bench page on wasm, the same ids. ' +
        'The two sides alternate row by row, who goes first swapping every row, so a busy spell is less likely to land on one side only. ' +
        'A sweep is timed once, whole (both prompts run first); the other rows are median (min-max) after a warm-up. ' +
        "The ablation and the attribution are timed as the page makes them, on the prompt's trace it already holds " +
        '(the ablation starts from its residual stream at the edited block, the attribution reads its streams), ' +
        'and again from the ids alone (the ablation from the embeddings, the attribution with its trace), the column after the ratio. ' +
        'The naive loop is ours making one full edited run per cell (runtime.run with a patch edit, which also reruns the clean prompt for the patched values): ' +
        "some cells spread over the grid are timed and their median times the cell count is given, with its ratio to the incremental sweep's time. " +
        'Peak tensors: tf.profile peakBytes of the sweep, weights included. Difference: the largest absolute difference of what the two sides computed ' +
        "(the sweep's grid, the edited logits, the attribution's parts, the induction scores).",
      '',
      table(
        [
          'experiment',
          'tokens',
          'cells',
          'PyTorch',
          'PyTorch per cell',
          'ours',
          'ours / PyTorch',
          'ours from the ids alone (/ PyTorch)',
          'ours, naive loop',
          'peak tensors MB',
          'longest progress gap ms',
          'difference',
        ],
        rows,
      ),
    );
    const profiled = (run.ours ?? []).filter((o) => o.kernels !== null && o.kernels.length > 0);
    if (profiled.length > 0) parts.push('', kernelSection(profiled));
    if (run.ours === null && run.oursMissing) parts.push('', `Our side did not run: ${run.oursMissing}.`);
    if (!py) parts.push('', 'The PyTorch peer did not run (see the failures below).');
  }
  if (r.experiments.length > 0) parts.push('', EXPERIMENTS_ANALYSIS);
  return parts.join('\n');
}
