/** The bench page: puts the runners on window for scripts/bench.ts to call. */
import { jsHeapBytes } from './measure';
import { oursClose, oursDetails, oursExperiments, oursOpen, oursTime } from './ours';
import { peerCheck, peerClose, peerOpen, peerProfile, peerTime } from './peer';
import type { BenchPage } from './protocol';

const page: BenchPage = {
  oursOpen,
  oursTime,
  oursDetails,
  oursExperiments,
  oursClose,
  peerOpen,
  peerTime,
  peerCheck,
  peerProfile,
  jsHeap: async () => jsHeapBytes(),
  peerClose,
};
(globalThis as unknown as { forwardPassBench: BenchPage }).forwardPassBench = page;
document.body.dataset.ready = 'true';
