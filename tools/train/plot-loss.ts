// Draws the training and validation loss curves of a bundled model as a PNG for its model card.
// matplotlib is not installed here, so the chart is an SVG built with d3 scales and rasterized by
// headless Chromium through playwright-core. A log with a `stage` column (a run in stages) gets a
// vertical line where each later stage begins.
//
//   npx tsx tools/train/plot-loss.ts LOG_CSV OUT_PNG [--baseline NATS]
import { readFileSync } from 'node:fs';
import { scaleLinear } from 'd3';
import { chromium } from 'playwright-core';

interface LogRow {
  step: number;
  train: number;
  val: number | null;
  stage: string | null;
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { top: 36, right: 24, bottom: 48, left: 56 };
const TRAIN_COLOUR = '#0072b2';
const VAL_COLOUR = '#d55e00';
const BASELINE_COLOUR = '#777777';

function readLog(path: string): LogRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`${path} has no ${name} column`);
    return index;
  };
  const [step, train, val] = [at('step'), at('train_loss'), at('val_loss')];
  const stage = columns.indexOf('stage');
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      step: Number(cells[step]),
      train: Number(cells[train]),
      val: cells[val] ? Number(cells[val]) : null,
      stage: stage < 0 ? null : cells[stage],
    };
  });
}

function path(points: [number, number][]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
}

function chartSvg(rows: LogRow[], baseline: number | null): string {
  const lastStep = rows[rows.length - 1].step;
  const values = rows.flatMap((r) => (r.val === null ? [r.train] : [r.train, r.val]));
  const shown = baseline === null ? values : [...values, baseline];
  const x = scaleLinear([0, lastStep], [MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear(
    [Math.floor(Math.min(...shown)) - 0.5, Math.ceil(Math.max(...shown))],
    [HEIGHT - MARGIN.bottom, MARGIN.top],
  ).nice();
  const validation = rows.filter((r): r is LogRow & { val: number } => r.val !== null);
  const parts: string[] = [];
  for (const tick of y.ticks(8)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e6e6e6"/>`,
    );
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`);
  }
  for (const tick of x.ticks(8)) {
    parts.push(`<text x="${x(tick)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${tick}</text>`);
  }
  if (baseline !== null) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(baseline)}" y2="${y(baseline)}" stroke="${BASELINE_COLOUR}" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${WIDTH - MARGIN.right}" y="${y(baseline) - 6}" text-anchor="end" fill="${BASELINE_COLOUR}">unigram baseline ${baseline.toFixed(2)}</text>`,
    );
  }
  rows.forEach((r, i) => {
    if (i === 0 || r.stage === rows[i - 1].stage) return;
    const at = x(rows[i - 1].step);
    parts.push(
      `<line x1="${at}" x2="${at}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="${BASELINE_COLOUR}" stroke-dasharray="2 3"/>`,
    );
    parts.push(`<text x="${at + 4}" y="${MARGIN.top + 12}" fill="${BASELINE_COLOUR}">stage ${r.stage}</text>`);
  });
  parts.push(
    `<path d="${path(rows.map((r) => [x(r.step), y(r.train)]))}" fill="none" stroke="${TRAIN_COLOUR}" stroke-width="1.5"/>`,
  );
  parts.push(
    `<path d="${path(validation.map((r) => [x(r.step), y(r.val)]))}" fill="none" stroke="${VAL_COLOUR}" stroke-width="2"/>`,
  );
  for (const r of validation) parts.push(`<circle cx="${x(r.step)}" cy="${y(r.val)}" r="3" fill="${VAL_COLOUR}"/>`);
  const legendY = MARGIN.top - 14;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${parts.join('\n')}
<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333"/>
<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${HEIGHT - MARGIN.bottom}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333"/>
<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 10}" text-anchor="middle">training step</text>
<text transform="translate(16 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">cross-entropy (nats per token)</text>
<text x="${MARGIN.left}" y="${legendY}" fill="${TRAIN_COLOUR}">train (mean of the last 25 steps)</text>
<text x="${MARGIN.left + 230}" y="${legendY}" fill="${VAL_COLOUR}">validation (held-out documents)</text>
</svg>`;
}

async function main(): Promise<void> {
  const [logPath, pngPath, flag, value] = process.argv.slice(2);
  if (!logPath || !pngPath || (flag !== undefined && flag !== '--baseline')) {
    throw new Error('usage: npx tsx tools/train/plot-loss.ts LOG_CSV OUT_PNG [--baseline NATS]');
  }
  const baseline = flag ? Number(value) : null;
  if (baseline !== null && !Number.isFinite(baseline)) throw new Error(`--baseline needs a number, got ${value}`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
    await page.setContent(`<body style="margin:0">${chartSvg(readLog(logPath), baseline)}</body>`);
    await page.locator('svg').screenshot({ path: pngPath });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${pngPath}`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
