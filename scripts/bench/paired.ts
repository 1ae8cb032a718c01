/**
 * Paired timing: two runtimes open in two pages at once, their calls alternating run by
 * run, so that a busy spell on a shared machine lands on both sides instead of on
 * whichever happened to be running then. Each pair's ratio is taken within one round.
 * Who goes first swaps every round, and every second round starts one pairing further
 * on, so no call always leads its round or always follows the same call. Every call waits
 * PAUSE_MS first, so that neither side is timed while the other one's threads still run.
 */
import { summarize } from './stats';
import type { Stat } from './page/protocol';

/** One call on one page, answering its own time in ms (measured in the page, so the round trip does not count). */
export type Timed = (ids: number[]) => Promise<number>;

/** Two calls whose times are compared; `second` is null where only one side runs. */
export interface Pairing {
  first: Timed;
  second: Timed | null;
}

export interface PairSamples {
  first: number[];
  second: number[];
}

export interface AlternationPlan {
  /** Timed rounds, at the least. */
  runs: number;
  warmupSeconds: number;
  /**
   * Where rounds are short, more of them: timing goes on until the timed calls have taken
   * this many seconds (their own times, not the pauses), up to MORE_RUNS times `runs`. A
   * 16-token call takes about 80 ms on wasm, so one scheduler hiccup moves it by a tenth,
   * and five rounds gave ratio medians anywhere from 1.1x to 1.6x in one day's runs.
   */
  timedSeconds?: number;
}

/**
 * The wait before every call. Timed right after the other runtime's call, either side ran
 * slower than after a pause (medians of 10 to 14 rounds at 16 and 64 tokens, pauses of 100
 * and 300 ms): ours by 6 to 24%, the peer by 6 to 19%. The likely cause is that both
 * runtimes' worker threads spin for a while, waiting for more work, before they sleep, and
 * on two cores that takes a core from the next call. A user runs one runtime, so each is
 * timed as it runs alone.
 */
export const PAUSE_MS = 100;

/** Waits ms milliseconds. */
export type Wait = (ms: number) => Promise<void>;

const sleep: Wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** At most this many times the plan's runs are timed (see timedSeconds). */
export const MORE_RUNS = 4;

/** The timedSeconds of the bench's grid: a 16-token prompt on wasm gets about 20 rounds, 64 tokens 5 or 6. */
export const TIMED_SECONDS = 8;

/**
 * Round r: every pairing once, each pair's two calls back to back. Rounds come in twos
 * that start at the same pairing, one with each side first, and each two start one
 * pairing further on.
 */
async function round(
  pairings: readonly Pairing[],
  ids: number[],
  r: number,
  wait: Wait,
  out?: PairSamples[],
): Promise<number> {
  let total = 0;
  const swap = r % 2 === 1;
  const start = Math.floor(r / 2);
  for (let k = 0; k < pairings.length; k++) {
    const i = (start + k) % pairings.length;
    const { first, second } = pairings[i];
    const order = second === null ? [first] : swap ? [second, first] : [first, second];
    const times: number[] = [];
    for (const call of order) {
      await wait(PAUSE_MS);
      times.push(await call(ids));
    }
    total += times.reduce((a, b) => a + b, 0);
    if (!out) continue;
    const [a, b] = second !== null && swap ? [times[1], times[0]] : [times[0], times[1]];
    out[i].first.push(a);
    if (second !== null) out[i].second.push(b);
  }
  return total;
}

/**
 * Warms both sides up together for `warmupSeconds` (at least one round: wasm code keeps
 * being re-optimised for seconds after it loads), then times `runs` rounds, or more where
 * they are short (timedSeconds).
 */
export async function alternate(
  pairings: readonly Pairing[],
  ids: number[],
  plan: AlternationPlan,
  now: () => number = Date.now,
  wait: Wait = sleep,
): Promise<PairSamples[]> {
  const until = now() + plan.warmupSeconds * 1000;
  let warmups = 0;
  do await round(pairings, ids, warmups++, wait);
  while (now() < until);
  const out = pairings.map(() => ({ first: [] as number[], second: [] as number[] }));
  let timedMs = 0;
  const enough = (r: number) =>
    r >= plan.runs && (r >= MORE_RUNS * plan.runs || timedMs >= (plan.timedSeconds ?? 0) * 1000);
  for (let r = 0; !enough(r); r++) timedMs += await round(pairings, ids, r, wait, out);
  return out;
}

/** The per-round ratios numerator[i] / denominator[i], summarised. */
export function pairRatios(numerator: readonly number[], denominator: readonly number[]): Stat {
  if (numerator.length !== denominator.length)
    throw new Error(`cannot pair ${numerator.length} runs with ${denominator.length}`);
  return summarize(numerator.map((x, i) => x / denominator[i]));
}
