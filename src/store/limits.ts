import { firstLine } from '../util/errors';

/** The ranges the inputs are kept in. Out-of-range values are clamped, never rejected. */
export const LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0.01, max: 1 },
  topK: { min: 0 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  generateCount: { min: 1, max: 200 },
} as const;

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A finite number or the fallback (NaN from an emptied input field keeps the old value). */
export const finiteOr = (v: number, fallback: number): number => (Number.isFinite(v) ? v : fallback);

/** The one line the page shows for a failure. */
export const messageOf = (e: unknown): string => firstLine(e, 'something went wrong');
