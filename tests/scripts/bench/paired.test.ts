import { describe, expect, it } from 'vitest';
import { alternate, pairRatios, PAUSE_MS, type Timed } from '../../../scripts/bench/paired';

const noWait = async () => {};

/** Calls that log their name and answer the time given for the nth call. */
function recorder() {
  const calls: string[] = [];
  const timed =
    (name: string, times: (n: number) => number): Timed =>
    async () => {
      calls.push(name);
      return times(calls.filter((c) => c === name).length - 1);
    };
  return { calls, timed };
}

describe('alternate', () => {
  it('runs each pair back to back, swapping who goes first every round, and keeps each side its own times', async () => {
    const { calls, timed } = recorder();
    const samples = await alternate(
      [
        { first: timed('ours.run', (n) => 100 + n), second: timed('peer.last', (n) => 200 + n) },
        { first: timed('ours.next', (n) => 300 + n), second: null },
      ],
      [1, 2, 3],
      { runs: 3, warmupSeconds: 0 },
      Date.now,
      noWait,
    );
    // One warm-up round, then three timed rounds: the second of them starts with the peer,
    // the third with the other pairing.
    expect(calls).toEqual([
      'ours.run',
      'peer.last',
      'ours.next',
      'ours.run',
      'peer.last',
      'ours.next',
      'peer.last',
      'ours.run',
      'ours.next',
      'ours.next',
      'ours.run',
      'peer.last',
    ]);
    expect(samples).toEqual([
      { first: [101, 102, 103], second: [201, 202, 203] },
      { first: [301, 302, 303], second: [] },
    ]);
  });

  it('starts every pairing as often as the others, with each side first', async () => {
    const { calls, timed } = recorder();
    const pairing = (name: string) => ({
      first: timed(`${name}.ours`, () => 1),
      second: timed(`${name}.peer`, () => 1),
    });
    await alternate([pairing('a'), pairing('b'), pairing('c')], [1], { runs: 6, warmupSeconds: 0 }, Date.now, noWait);
    const timedCalls = calls.slice(6);
    const leads = Array.from({ length: 6 }, (_, r) => timedCalls[r * 6]);
    expect(leads).toEqual(['a.ours', 'a.peer', 'b.ours', 'b.peer', 'c.ours', 'c.peer']);
  });

  it('times more rounds where the calls are short, up to four times the runs', async () => {
    const { calls, timed } = recorder();
    const samples = await alternate(
      [{ first: timed('a', () => 700), second: timed('b', () => 300) }],
      [1],
      { runs: 2, warmupSeconds: 0, timedSeconds: 3 },
      () => 0,
      noWait,
    );
    // A round's calls take 1 s of their own time, so 3 s are three timed rounds; the pauses
    // between calls do not count.
    expect(samples[0].first).toHaveLength(3);
    expect(calls).toHaveLength(2 * (1 + 3));
    const quick = await alternate(
      [{ first: timed('c', () => 1), second: null }],
      [1],
      { runs: 2, warmupSeconds: 0, timedSeconds: 1000 },
      () => 0,
      noWait,
    );
    expect(quick[0].first).toHaveLength(8);
  });

  it('waits PAUSE_MS before every call, the warm-up included', async () => {
    const { calls, timed } = recorder();
    const log: string[] = [];
    const wait = async (ms: number) => {
      log.push(`wait ${ms}`);
    };
    const logged = (name: string): Timed => {
      const call = timed(name, () => 1);
      return async (ids) => {
        log.push(name);
        return call(ids);
      };
    };
    await alternate(
      [{ first: logged('ours'), second: logged('peer') }],
      [1],
      { runs: 1, warmupSeconds: 0 },
      () => 0,
      wait,
    );
    const pause = `wait ${PAUSE_MS}`;
    expect(log).toEqual([pause, 'ours', pause, 'peer', pause, 'ours', pause, 'peer']);
    expect(calls).toHaveLength(4);
  });

  it('warms up for the given seconds on the given clock', async () => {
    const { calls, timed } = recorder();
    let clock = 0;
    await alternate(
      [{ first: timed('a', () => 1), second: null }],
      [1],
      { runs: 1, warmupSeconds: 2 },
      () => (clock += 500),
      noWait,
    );
    // Each reading advances 500 ms: the deadline is 500 + 2000; rounds end at 1000, 1500, 2000 and 2500, then one
    // timed.
    expect(calls).toHaveLength(4 + 1);
  });
});

describe('pairRatios', () => {
  it('summarises the ratio of each round, not the ratio of the medians', () => {
    // A busy spell doubles both sides in the second round: the per-round ratios stay at 1.
    const s = pairRatios([10, 20, 30], [10, 20, 30]);
    expect([s.median, s.min, s.max]).toEqual([1, 1, 1]);
    expect(pairRatios([3, 1], [1, 1])).toMatchObject({ median: 2, min: 1, max: 3, runs: 2 });
  });
  it('refuses rounds that do not pair up', () => {
    expect(() => pairRatios([1, 2], [1])).toThrow(/cannot pair 2 runs with 1/);
  });
});
