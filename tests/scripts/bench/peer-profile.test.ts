import { describe, expect, it } from 'vitest';
import { medianProfile, peerProfiles, profilerEvents } from '../../../scripts/bench/peer-profile';

const run = (ts: number, dur: number) =>
  `{"cat" : "Session","pid" :42,"tid" :1,"dur" :${dur},"ts" :${ts},"ph" : "X","name" :"model_run","args" : {}},`;
const node = (ts: number, dur: number, op: string) =>
  `{"cat" : "Node","pid" :42,"tid" :1,"dur" :${dur},"ts" :${ts},"ph" : "X","name" :"n${ts}_kernel_time","args" : {"op_name" : "${op}"}},`;

describe('profilerEvents', () => {
  it('reads the JSON events among printed lines and skips the rest', () => {
    const events = profilerEvents([
      '[',
      run(0, 10),
      'not an event',
      `${node(1, 5, 'Gemm')}\n${node(6, 2, 'Add')}`,
      ']',
    ]);
    expect(events.map((e) => e.name)).toEqual(['model_run', 'n1_kernel_time', 'n6_kernel_time']);
  });
});

describe('peerProfiles', () => {
  it('sums each operator within a run and keeps the median timed run of each length', () => {
    // Two lengths, one warm-up and three timed runs each; node times in microseconds.
    const lines: string[] = [];
    const runsOf = (start: number, gemm: number[]) => {
      // The warm-up run is slow and must not count.
      lines.push(run(start, 10_000), node(start + 1, 9_000, 'Gemm'));
      gemm.forEach((g, i) => {
        const t = start + 100_000 * (i + 1);
        lines.push(run(t, 3_000), node(t + 1, g, 'Gemm'), node(t + 2, 200, 'Add'), node(t + 3, 300, 'Add'));
      });
    };
    runsOf(0, [2_000, 1_000, 1_500]);
    runsOf(1_000_000, [5_000, 6_000, 4_000]);
    const [short, long] = peerProfiles(profilerEvents(lines), [16, 64], 1, 3);
    expect(short.tokens).toBe(16);
    expect(short.wallMs).toBe(3);
    expect(short.kernels).toEqual([
      { kernel: 'Gemm', calls: 1, ms: 1.5 },
      { kernel: 'Add', calls: 2, ms: 0.5 },
    ]);
    expect(long.kernels[0]).toEqual({ kernel: 'Gemm', calls: 1, ms: 5 });
  });

  it('refuses a profile with another number of runs than asked for', () => {
    expect(() => peerProfiles(profilerEvents([run(0, 1)]), [16], 1, 3)).toThrow(/holds 1 runs, not the 4/);
  });
});

describe('medianProfile', () => {
  it('keeps the profile whose kernels took the median time', () => {
    const p = (t: number) => ({ id: t, kernels: [{ kernel: 'a', calls: 1, ms: t }] });
    expect(medianProfile([p(3), p(1), p(2)]).id).toBe(2);
  });
});
