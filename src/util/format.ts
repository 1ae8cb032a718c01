/** Number formatting shared by every layer: the shell, the panels, the CLI and the Hub's messages. */

/** Bytes as "1.2 MB" (decimal units, as download sizes are usually shown). */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/**
 * A number rounded to a whole one, with thousands separators: 38,597,376. Written out rather
 * than toLocaleString: the page's first toLocaleString set up Chromium's number formatting
 * for 88 ms, inside the task that shows the loaded model.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const whole = Math.round(n);
  const digits = String(Math.abs(whole));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return (whole < 0 ? '-' : '') + groups.join(',');
}

/** A probability as a percentage with enough digits to tell small ones apart. */
export function formatPercent(p: number): string {
  const pct = p * 100;
  if (pct === 0) return '0%';
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 0.01) return `${pct.toFixed(2)}%`;
  return `${pct.toExponential(1)}%`;
}
