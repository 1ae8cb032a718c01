/**
 * The weights of the model a load request names: a folder of our format over HTTP, or a
 * checkpoint on the Hugging Face Hub, downloaded, converted here in the worker (off the main
 * thread) and kept in Cache Storage for the next visit (src/hub/hub.ts).
 */
import { loadHubWeights } from '../hub/hub';
import { openCacheStorage } from '../hub/model-cache';
import { httpSource } from '../weights/sources';
import type { LoadProgress } from '../model/types';
import { loadWeights, type LoadedWeights } from '../weights/weights';
import type { ModelRef } from './protocol';

/** `pageUrl` resolves a folder URL relative to the page (the worker's own URL is elsewhere). */
export async function loadModelWeights(
  model: ModelRef,
  pageUrl: string,
  onProgress: (p: LoadProgress) => void,
): Promise<LoadedWeights> {
  if (model.hub) return loadHubWeights(model.hub, model.hub.repo, onProgress, { cache: await openCacheStorage() });
  return loadWeights(httpSource(new URL(model.url, pageUrl).href), onProgress);
}
