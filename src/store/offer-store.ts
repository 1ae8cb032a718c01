/**
 * The invitation to GPT-2 small: its download runs in a worker of its own into the
 * browser's cache while the bundled model keeps running, then the page switches to it
 * (loading from the cache). A "not now" is remembered in this browser.
 */
import { create } from 'zustand';
import type { CatalogEntry } from '../hub/catalog';
import type { LoadProgress } from '../model/types';
import { prefetchInWorker } from '../worker/prefetch';
import { messageOf } from './limits';

const DECLINED_KEY = 'forward-pass.gpt2-offer';

export type OfferPhase = 'idle' | 'downloading' | 'switching' | 'failed';

interface OfferState {
  phase: OfferPhase;
  progress: LoadProgress | null;
  error: string | null;
  declined: boolean;
  accept(entry: CatalogEntry, load: (id: string) => Promise<void>): Promise<void>;
  decline(): void;
}

function wasDeclined(): boolean {
  try {
    return localStorage.getItem(DECLINED_KEY) === 'declined';
  } catch {
    return false;
  }
}

export const useOffer = create<OfferState>()((set, get) => ({
  phase: 'idle',
  progress: null,
  error: null,
  declined: wasDeclined(),
  async accept(entry, load) {
    if (!entry.hub || get().phase === 'downloading' || get().phase === 'switching') return;
    set({ phase: 'downloading', progress: null, error: null });
    try {
      // The prefetch worker answers 'unavailable' at once where the browser offers no cache: the
      // download then has nowhere to wait, so it is loaded directly (the bundled model stops).
      const outcome = await prefetchInWorker(entry.hub, entry.hub.repo, (progress) => set({ progress }));
      if (outcome === 'full' || outcome === 'failed')
        throw new Error(`${entry.name} could not be kept in this browser`);
      set({ phase: 'switching' });
      await load(entry.id);
      set({ phase: 'idle', progress: null });
    } catch (e) {
      set({ phase: 'failed', error: messageOf(e) });
    }
  },
  decline() {
    try {
      localStorage.setItem(DECLINED_KEY, 'declined');
    } catch {
      // Storage unavailable: the answer lasts for this visit.
    }
    set({ declined: true });
  },
}));
