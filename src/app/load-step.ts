/**
 * What the header says while a model loads. Bytes arriving have a real percentage; a Hub
 * model then converts to float16 in the worker (seconds at GPT-2 small's size) with every
 * byte already counted, so that step is its own state, shown without a percentage rather
 * than as a bar stuck at 100%.
 */
import { CONVERTING } from '../hub/hub';
import type { LoadProgress } from '../model/types';

export type LoadStep = { kind: 'download'; percent: number } | { kind: 'convert'; bytes: number };

export function loadStep(progress: LoadProgress | null): LoadStep {
  if (progress?.file === CONVERTING) return { kind: 'convert', bytes: progress.total };
  const percent = progress && progress.total > 0 ? Math.floor((100 * progress.loaded) / progress.total) : 0;
  return { kind: 'download', percent };
}
