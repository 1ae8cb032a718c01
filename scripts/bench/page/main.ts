/** The bench page: puts the two runners on window for scripts/bench.ts to call. */
import { runOurs } from './ours';
import { runPeer } from './peer';
import type { BenchPage } from './protocol';

const page: BenchPage = { ours: runOurs, peer: runPeer };
(globalThis as unknown as { forwardPassBench: BenchPage }).forwardPassBench = page;
document.body.dataset.ready = 'true';
