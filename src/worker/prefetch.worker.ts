/// <reference lib="webworker" />
/**
 * A worker that only fetches: it downloads a Hub model, converts it and stores it in Cache
 * Storage (src/hub/hub.ts, prefetchHubModel), off the main thread and apart from the
 * model worker, which keeps running the current model until the page switches.
 */
import { prefetchHubModel, type CacheOutcome } from '../hub/hub';
import type { HubRepo } from '../hub/hub-repo';
import { openCacheStorage } from '../hub/model-cache';
import type { LoadProgress } from '../model/types';

export interface PrefetchRequest {
  hub: HubRepo;
  name: string;
}

export type PrefetchMessage =
  | { kind: 'progress'; progress: LoadProgress }
  | { kind: 'done'; outcome: CacheOutcome }
  | { kind: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: PrefetchMessage) => scope.postMessage(message);

scope.addEventListener('message', (event: MessageEvent<PrefetchRequest>) => {
  void (async () => {
    try {
      const cache = await openCacheStorage();
      const outcome = await prefetchHubModel(
        event.data.hub,
        event.data.name,
        (progress) => post({ kind: 'progress', progress }),
        { cache },
      );
      post({ kind: 'done', outcome });
    } catch (e) {
      post({ kind: 'error', message: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
    }
  })();
});
