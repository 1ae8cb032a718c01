/**
 * The performance targets (issues 6 and 17) checked against one run's results: each with the
 * figure measured, the limit, and whether it was met. A target whose figure the run did
 * not produce (e.g. a narrowed grid) is reported as not measured.
 */
import { PROBE_LENGTH, type ExperimentName } from './experiments';
import { DEFAULT_LENGTHS, RANDOM_GPT2 } from './options';
import { EXPERIMENT_TITLES, matchRows } from './report-experiments';
import type { OursLengthResult, PeerLengthResult } from './page/protocol';
import type { BenchResults, PairedLength } from './results';

export interface TargetCheck {
  name: string;
  /** The measured figure, formatted, or null when this run did not measure it. */
  measured: string | null;
  limit: string;
  met: boolean | null;
}

/** Our wasm figures, the peer's and their per-round ratios for GPT-2-shaped weights at one length. */
export function pairAt(
  r: BenchResults,
  tokens: number,
): { ours: OursLengthResult; peer: PeerLengthResult; ratios: PairedLength } | null {
  const ours = r.ours
    .find((o) => o.model === RANDOM_GPT2 && o.result.backend === 'wasm')
    ?.result.lengths.find((l) => l.tokens === tokens);
  const peer = r.peer.find((p) => p.model === RANDOM_GPT2)?.result.lengths.find((l) => l.tokens === tokens);
  const ratios = r.paired.find((p) => p.model === RANDOM_GPT2 && p.tokens === tokens);
  return ours && peer && ratios ? { ours, peer, ratios } : null;
}

const check = (
  name: string,
  value: number | null,
  limit: number,
  limitText: string,
  format: (x: number) => string,
  atMost = true,
): TargetCheck => ({
  name,
  measured: value === null ? null : format(value),
  limit: limitText,
  met: value === null ? null : atMost ? value <= limit : value >= limit,
});

export function checkTargets(r: BenchResults): TargetCheck[] {
  const x = (v: number) => `${v.toFixed(2)}x`;
  const msf = (v: number) => `${v.toFixed(1)} ms`;
  const out: TargetCheck[] = [];
  for (const tokens of DEFAULT_LENGTHS) {
    const pair = pairAt(r, tokens);
    out.push(
      check(
        `(a) explainer run / peer last-position logits, ${tokens} tokens`,
        pair ? pair.ratios.run.median : null,
        1,
        '<= 1.00x',
        x,
      ),
    );
    out.push(
      check(
        `(b) trace with all-position predictions / peer all-position logits, ${tokens} tokens`,
        pair ? pair.ratios.trace.median : null,
        1,
        '<= 1.00x',
        x,
      ),
    );
  }
  out.push(...experimentTargets(r, x));
  const at256 = pairAt(r, 256)?.ours;
  out.push(
    check(
      'KV-cache speed-up per token at 256 tokens',
      at256 ? at256.uncachedStep.median / at256.cachedStep.median : null,
      5,
      '>= 5x',
      x,
      false,
    ),
  );
  out.push(check('temperature change to redraw', r.ui ? r.ui.temperatureRedraw.median : null, 16, '<= 16 ms', msf));
  out.push(check('token click to attention view', r.ui ? r.ui.tokenClick.median : null, 50, '<= 50 ms', msf));
  const longest = r.ui ? Math.max(r.ui.longTasksDuringTrace.maxMs, r.ui.longTasksDuringGeneration?.maxMs ?? 0) : null;
  out.push(check('longest main-thread task during inference', longest, 50, '<= 50 ms', msf));
  const duringExperiments = r.ui?.longTasksDuringExperiments?.maxMs ?? null;
  out.push(check('longest main-thread task during the experiments', duringExperiments, 50, '<= 50 ms', msf));
  const gpt2 = r.ours.find((o) => o.model === RANDOM_GPT2)?.result.downloadBytes ?? null;
  out.push(check('GPT-2 small download (float16)', gpt2, 250e6, '<= 250 MB', (v) => `${(v / 1e6).toFixed(1)} MB`));
  const long = r.ours.find((o) => o.model === RANDOM_GPT2 && o.result.lengths.some((l) => l.tokens === 1024));
  const failed = r.failures.find((f) => f.what.includes(RANDOM_GPT2) && f.what.includes('wasm'));
  out.push({
    name: 'GPT-2 small at 1,024 tokens runs in the browser',
    measured: long ? `yes, on ${long.result.backend}` : failed ? `no: ${failed.reason}` : null,
    limit: 'no out-of-memory',
    met: long ? true : failed ? false : null,
  });
  return out;
}

/**
 * Issue 17's experiments targets: sweeps faster than the PyTorch loop, single edited runs within 1.5x, the sweep's
 * memory and progress.
 */
function experimentTargets(r: BenchResults, x: (v: number) => string): TargetCheck[] {
  const run = r.experiments.find((e) => e.model === RANDOM_GPT2);
  const rows = run ? matchRows(run) : [];
  const row = (name: ExperimentName, tokens: number) => rows.find((m) => m.name === name && m.tokens === tokens);
  const vsPytorch = (name: ExperimentName, tokens: number) => {
    const m = row(name, tokens);
    return m?.ours && m.pytorch ? m.ours.ms.median / m.pytorch.ms.median : null;
  };
  const aloneVsPytorch = (name: ExperimentName, tokens: number) => {
    const m = row(name, tokens);
    const alone = m?.ours?.withoutHeldTrace;
    return alone && m.pytorch ? alone.median / m.pytorch.ms.median : null;
  };
  const out: TargetCheck[] = [];
  for (const name of ['resid_pre_sweep', 'z_sweep', 'resid_pre_one_token'] as const)
    for (const tokens of [16, 64]) {
      // The one-token row is an extra (not in --quick): no row, no line.
      if (name === 'resid_pre_one_token' && !row(name, tokens)) continue;
      out.push(
        check(
          `${EXPERIMENT_TITLES[name]}, ${tokens} tokens: ours / PyTorch`,
          vsPytorch(name, tokens),
          1,
          '<= 1.00x (moonshot 0.50x)',
          x,
        ),
      );
    }
  for (const [name, tokens] of [
    ['head_ablation', 64],
    ['head_ablation', 256],
    ['attribution', 256],
    ['induction_probe', 2 * PROBE_LENGTH + 1],
  ] as const) {
    const held = name === 'head_ablation' || name === 'attribution';
    const where = held ? ", on the page's held trace" : '';
    out.push(
      check(
        `${EXPERIMENT_TITLES[name]}, ${tokens} tokens${where}: ours / PyTorch`,
        vsPytorch(name, tokens),
        1.5,
        '<= 1.50x',
        x,
      ),
    );
    if (held)
      out.push(
        check(
          `${EXPERIMENT_TITLES[name]}, ${tokens} tokens, from the ids alone: ours / PyTorch`,
          aloneVsPytorch(name, tokens),
          1.5,
          '<= 1.50x',
          x,
        ),
      );
  }
  const sweep64 = row('resid_pre_sweep', 64)?.ours;
  out.push(
    check(
      'resid_pre sweep at 64 tokens: peak tensors',
      sweep64?.peakTensorBytes ?? null,
      1.5e9,
      '<= 1.5 GB',
      (v) => `${(v / 1e9).toFixed(2)} GB`,
    ),
  );
  const gaps = rows.flatMap((m) => (m.ours?.longestProgressGapMs != null ? [m.ours.longestProgressGapMs] : []));
  out.push(
    check(
      'sweeps: longest wait between progress reports',
      gaps.length > 0 ? Math.max(...gaps) : null,
      250,
      '<= 250 ms',
      (v) => `${v.toFixed(0)} ms`,
    ),
  );
  return out;
}
