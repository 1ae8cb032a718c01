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

/** The first line of an error's message: what people see, never a stack trace. */
export function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim() || 'something went wrong';
}
