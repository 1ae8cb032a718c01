/**
 * A download progress line for the terminal: bar, percent, bytes, rate and time left.
 * On a terminal it redraws one line in place (at most 10 times a second); when output is
 * piped (CI logs, tests) it prints a plain line every 10% instead of a stream of redraws.
 */
import { formatBytes } from '../../src/util/format';

const WIDTH = 30;

export interface ProgressBar {
  update(done: number, total: number): void;
  /** Ends the line (prints the final state). */
  finish(): void;
}

export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
  now = () => Date.now(),
): ProgressBar {
  const started = now();
  let startBytes: number | null = null;
  let lastDraw = 0;
  let lastDecile = -1;
  let line = '';

  const render = (done: number, total: number): string => {
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * WIDTH);
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    // The rate counts only this run's bytes, not those resumed from disk.
    const rate = (done - (startBytes ?? done)) / seconds;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : null;
    const eta = left === null || done >= total ? '' : ` ${left}s left`;
    return (
      `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}% ` +
      `${formatBytes(done)} / ${formatBytes(total)} ${formatBytes(Math.round(rate))}/s${eta}`
    );
  };

  return {
    update(done, total) {
      startBytes ??= done;
      line = render(done, total);
      if (stream.isTTY) {
        if (now() - lastDraw < 100 && done < total) return;
        lastDraw = now();
        stream.write(`\r${line}\x1b[K`);
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 0;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (stream.isTTY && line) stream.write(`\r${line}\x1b[K\n`);
    },
  };
}
