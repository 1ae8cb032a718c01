/** Runs one prefetch (prefetch.worker.ts) in a worker of its own, ended when it settles. */
import type { CacheOutcome } from '../hub/hub';
import type { HubRepo } from '../hub/hub-repo';
import type { LoadProgress } from '../model/types';
import type { PrefetchMessage, PrefetchRequest } from './prefetch.worker';

export function prefetchInWorker(
  hub: HubRepo,
  name: string,
  onProgress: (p: LoadProgress) => void,
): Promise<CacheOutcome> {
  const worker = new Worker(new URL('./prefetch.worker.ts', import.meta.url), { type: 'module', name: 'prefetch' });
  return new Promise<CacheOutcome>((resolve, reject) => {
    worker.addEventListener('message', (event: MessageEvent<PrefetchMessage>) => {
      const m = event.data;
      if (m.kind === 'progress') return onProgress(m.progress);
      worker.terminate();
      if (m.kind === 'done') resolve(m.outcome);
      else reject(new Error(m.message));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(event.message || 'the download worker stopped'));
    });
    worker.postMessage({ hub, name } satisfies PrefetchRequest);
  });
}
