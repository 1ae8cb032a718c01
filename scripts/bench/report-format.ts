/** Number formatting for the report. */
import type { Stat } from './page/protocol';

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** "median (min-max)" in ms. */
export const stat = (s: Stat): string => `${ms(s.median)} (${ms(s.min)}-${ms(s.max)})`;

export const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

export const ratio = (x: number): string => `${x.toFixed(2)}x`;

/** A summary of per-round ratios: "median (min-max)". */
export const ratioStat = (s: Stat): string => `${ratio(s.median)} (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;

/** A markdown table from a header row and body rows. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
