/**
 * The performance targets (issues 6 and 17) checked against one run's results: each with the
 * figure measured, the limit, and whether it was met. A target whose figure the run did
 * not produce (e.g. a narrowed grid) is reported as not measured.
 */
import { DEFAULT_LENGTHS, RANDOM_GPT2 } from './options';
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
