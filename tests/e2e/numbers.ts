/** Reference arithmetic for the end-to-end checks, in float64. */

export function softmax(logits: number[], temperature: number): number[] {
  const max = Math.max(...logits);
  const e = logits.map((z) => Math.exp((z - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export const norm = (v: number[]): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** Ids of the n largest values, largest first. */
export function topIds(values: number[], n: number): number[] {
  return values
    .map((v, id) => ({ v, id }))
    .sort((a, b) => b.v - a.v || a.id - b.id)
    .slice(0, n)
    .map((e) => e.id);
}

/** Largest |a - b| / max(1, |b|) over two equal-length lists. */
export function maxRelDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))));
}
