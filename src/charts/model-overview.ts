/**
 * The whole model on one picture, drawn from one trace: the prompt's tokens, the token and
 * position embeddings, the stack of blocks (attention and MLP in each, the residual stream
 * running through them), ln_f, the logits, the softmax and the top next tokens. Each block
 * carries a real figure: the length of the last token's residual vector after it.
 *
 * Laid out left to right when there is room, top to bottom on a phone. Every part is a
 * door (a focusable button: click, Enter or Space opens its stage). A new trace sends a
 * pulse along the residual stream and grows the blocks' bars in order, so the data is seen
 * moving through the model; with reducedMotion nothing moves.
 */
import * as d3 from 'd3';

/** A stage of the explainer, as the page names it (the chart only passes it back). */
export type OverviewStage = string;

export type OverviewPartKind = 'tokens' | 'embed' | 'pos' | 'attn' | 'mlp' | 'lnf' | 'logits' | 'softmax' | 'next';

export interface OverviewData {
  /** Display forms of the prompt's tokens (the last is where the prediction is made). */
  tokens: string[];
  nLayer: number;
  /** ||resid[l][last]|| for l = 0..n_layer: the start of the stream, then after each block. */
  norms: number[];
  /** The most likely next tokens at the current temperature. */
  next: { label: string; p: number }[];
  /** The stage open below, and the layer chosen there. */
  current: { stage: OverviewStage; layer: number };
}

export interface OverviewPart {
  kind: OverviewPartKind;
  stage: OverviewStage;
  layer?: number;
}

export interface OverviewOptions {
  width: number;
  /** Which stage each kind of part opens. */
  stageOf: (kind: OverviewPartKind) => OverviewStage;
  /** Visible text of a part (block parts get their layer). */
  text: (kind: OverviewPartKind, layer?: number) => string;
  /** Accessible name of a part's door. */
  doorLabel: (part: OverviewPart) => string;
  /** The block's figure, written under its bar. */
  normText: (norm: number) => string;
  /** A block's name, written on it ("block 3" or just "3" where space is short). */
  layerText: (layer: number, short: boolean) => string;
  percent: (p: number) => string;
  /** Accessible name of the whole picture. */
  label: string;
  onOpen: (part: OverviewPart) => void;
  /** Changes when the trace does: a new value plays the motion (unless reducedMotion). */
  traceKey: string;
  reducedMotion: boolean;
}

interface Box extends OverviewPart {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}

export interface OverviewLayout {
  vertical: boolean;
  width: number;
  height: number;
  boxes: Box[];
  /** The residual stream's path, from the embeddings to ln_f. */
  stream: [number, number][];
  /** Per block: where its bar of the residual norm stands. */
  bars: { layer: number; x: number; y: number; w: number; h: number; vertical: boolean }[];
  /** The token chips and the next-token rows. */
  tokenSlots: { x: number; y: number; w: number }[];
  nextSlots: { x: number; y: number; w: number }[];
}

/** Below this width the picture runs top to bottom. */
export const VERTICAL_BELOW = 520;
/** Tokens drawn: the last ones (the prediction is made at the last). */
export const SHOWN_TOKENS = 6;
const NEXT_ROWS = 3;

export function overviewLayout(nLayer: number, tokenCount: number, width: number): OverviewLayout {
  const shownTokens = Math.min(tokenCount, SHOWN_TOKENS);
  return width < VERTICAL_BELOW
    ? verticalLayout(nLayer, shownTokens, width)
    : horizontalLayout(nLayer, shownTokens, width);
}

function horizontalLayout(nLayer: number, shownTokens: number, width: number): OverviewLayout {
  const gap = 10;
  const tokensW = 78;
  const nextW = 104;
  const smallW = 46;
  const top = 8;
  const h = 168;
  const mid = top + h / 2;
  // Everything but the blocks: tokens, embed/pos, ln_f, logits, softmax, next, and the gaps between.
  const fixed = tokensW + nextW + 4 * smallW + 7 * gap;
  const blockW = Math.max(18, Math.min(72, (width - fixed - (nLayer - 1) * 3) / nLayer));
  const boxes: Box[] = [];
  let x = 0;
  const add = (kind: OverviewPartKind, w: number, y: number, bh: number, layer?: number) => {
    boxes.push({ kind, stage: '', x, y, w, h: bh, label: '', ...(layer === undefined ? {} : { layer }) });
  };
  add('tokens', tokensW, top, h);
  x += tokensW + gap;
  add('embed', smallW, mid - 44, 38);
  add('pos', smallW, mid + 6, 38);
  x += smallW + gap;
  const streamStart = x - gap / 2;
  const barH = 40;
  const bars: OverviewLayout['bars'] = [];
  for (let l = 0; l < nLayer; l++) {
    add('attn', blockW, top + 12, mid - top - 20, l);
    add('mlp', blockW, mid + 8, mid - top - 20 - barH + 12, l);
    bars.push({ layer: l, x, y: top + h - barH + 6, w: blockW, h: barH - 10, vertical: false });
    x += blockW + 3;
  }
  x += gap - 3;
  const streamEnd = x + smallW / 2;
  add('lnf', smallW, mid - 22, 44);
  x += smallW + gap;
  add('logits', smallW, mid - 22, 44);
  x += smallW + gap;
  add('softmax', smallW, mid - 22, 44);
  x += smallW + gap;
  add('next', nextW, top, h);
  const tokenSlots = Array.from({ length: shownTokens }, (_, i) => ({
    x: 6,
    y: top + 24 + i * 22,
    w: tokensW - 12,
  }));
  const nextSlots = Array.from({ length: NEXT_ROWS }, (_, i) => ({ x: x + 6, y: top + 38 + i * 40, w: nextW - 12 }));
  return {
    vertical: false,
    width: Math.max(width, x + nextW),
    height: top + h + 8,
    boxes,
    stream: [
      [tokensW, mid],
      [streamStart, mid],
      [streamEnd, mid],
      [x, mid],
    ],
    bars,
    tokenSlots,
    nextSlots,
  };
}

function verticalLayout(nLayer: number, shownTokens: number, width: number): OverviewLayout {
  const gap = 8;
  const left = 0;
  const w = width;
  const boxes: Box[] = [];
  let y = 0;
  const add = (kind: OverviewPartKind, x: number, bw: number, bh: number, layer?: number) => {
    boxes.push({ kind, stage: '', x, y, w: bw, h: bh, label: '', ...(layer === undefined ? {} : { layer }) });
  };
  const tokensH = 50;
  add('tokens', left, w, tokensH);
  y += tokensH + gap;
  const half = (w - gap) / 2;
  add('embed', left, half, 30);
  add('pos', left + half + gap, half, 30);
  y += 30 + gap;
  const streamStart = y - gap / 2;
  const rowH = 26;
  const labelW = Math.min(120, w * 0.3);
  const unitW = (w - labelW - 2 * gap) / 2;
  const bars: OverviewLayout['bars'] = [];
  for (let l = 0; l < nLayer; l++) {
    add('attn', left + labelW, unitW * 0.6, rowH - 4, l);
    add('mlp', left + labelW + unitW * 0.6 + gap, unitW * 0.6, rowH - 4, l);
    const barX = left + labelW + 1.2 * unitW + 2 * gap;
    bars.push({ layer: l, x: barX, y: y + 2, w: w - barX, h: rowH - 8, vertical: true });
    y += rowH;
  }
  y += gap;
  const streamEnd = y + 15;
  const third = (w - 2 * gap) / 3;
  add('lnf', left, third, 30);
  add('logits', left + third + gap, third, 30);
  add('softmax', left + 2 * (third + gap), third, 30);
  y += 30 + gap;
  const nextH = 30 + NEXT_ROWS * 24;
  add('next', left, w, nextH);
  const chipW = Math.max(40, (w - 12 - (shownTokens - 1) * 4) / Math.max(1, shownTokens));
  const tokenSlots = Array.from({ length: shownTokens }, (_, i) => ({ x: 6 + i * (chipW + 4), y: 24, w: chipW }));
  const nextSlots = Array.from({ length: NEXT_ROWS }, (_, i) => ({ x: 8, y: y + 30 + i * 24, w: w - 16 }));
  const streamX = left + labelW - 8;
  return {
    vertical: true,
    width: w,
    height: y + nextH + 4,
    boxes,
    stream: [
      [streamX, tokensH],
      [streamX, streamStart],
      [streamX, streamEnd],
      [streamX, y],
    ],
    bars,
    tokenSlots,
    nextSlots,
  };
}

const line = d3.line();

/** Draws or redraws the overview into an <svg>. */
export function drawModelOverview(
  element: SVGSVGElement,
  data: OverviewData,
  options: OverviewOptions,
): OverviewLayout {
  const layout = overviewLayout(data.nLayer, data.tokens.length, options.width);
  const svg = d3
    .select(element)
    .attr('width', layout.width)
    .attr('height', layout.height)
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('role', 'group')
    .attr('aria-label', options.label)
    .classed('vertical', layout.vertical);

  const boxes = layout.boxes.map((b) => ({
    ...b,
    stage: options.stageOf(b.kind),
    label: options.text(b.kind, b.layer),
  }));

  // The stream first, so the parts sit on it.
  const stream = svg
    .selectAll<SVGPathElement, null>('path.overview-stream')
    .data([null])
    .join('path')
    .attr('class', 'overview-stream')
    .attr('d', line(layout.stream));

  // One outline per block behind its attention and MLP, the residual stream passing through it.
  svg
    .selectAll<SVGRectElement, OverviewLayout['bars'][number]>('rect.overview-block')
    .data(layout.bars, (b) => String(b.layer))
    .join('rect')
    .attr('class', 'overview-block')
    .each(function (b) {
      const parts = boxes.filter((p) => p.layer === b.layer);
      const x0 = Math.min(...parts.map((p) => p.x), b.x) - 2;
      const y0 = Math.min(...parts.map((p) => p.y), b.y) - 2;
      const x1 = Math.max(...parts.map((p) => p.x + p.w), b.x + b.w) + 2;
      const y1 = Math.max(...parts.map((p) => p.y + p.h), b.y + b.h) + 2;
      d3.select(this)
        .attr('x', x0)
        .attr('y', y0)
        .attr('width', x1 - x0)
        .attr('height', y1 - y0)
        .attr('rx', 4);
    })
    .classed('current', (b) => data.current.stage === options.stageOf('attn') && b.layer === data.current.layer);

  const doors = svg
    .selectAll<SVGGElement, Box>('g.overview-part')
    .data(boxes, (b) => `${b.kind}:${b.layer ?? ''}`)
    .join((enter) => {
      const g = enter
        .append('g')
        .attr('tabindex', 0)
        .attr('role', 'button')
        .on('click', (_, b) => options.onOpen(b))
        .on('keydown', (event: KeyboardEvent, b) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          options.onOpen(b);
        });
      g.append('rect').attr('class', 'overview-box').attr('rx', 6);
      g.append('text').attr('class', 'overview-label').attr('text-anchor', 'middle');
      return g;
    })
    .attr('class', (b) => `overview-part part-${b.kind}`)
    .attr('data-part', (b) => b.kind)
    .attr('data-layer', (b) => b.layer ?? null)
    .attr('aria-label', (b) => options.doorLabel(b))
    .classed(
      'current',
      (b) => b.stage === data.current.stage && (b.layer === undefined || b.layer === data.current.layer),
    );
  doors
    .select('rect.overview-box')
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y)
    .attr('width', (b) => b.w)
    .attr('height', (b) => b.h);
  // Boxes holding rows (tokens, next tokens) put their name at the top; the others in the middle.
  const titled = (b: Box) => b.kind === 'tokens' || b.kind === 'next';
  doors
    .select<SVGTextElement>('text.overview-label')
    .attr('x', (b) => b.x + b.w / 2)
    .attr('y', (b) =>
      titled(b) ? b.y + 15 : b.layer !== undefined && !layout.vertical ? b.y + b.h / 2 + 6 : b.y + b.h / 2,
    )
    .attr('dy', (b) => (titled(b) ? 0 : '0.35em'))
    .text((b) => (b.w < 30 && b.layer !== undefined ? b.label.slice(0, 1) : b.label));

  svg
    .selectAll<SVGTextElement, OverviewLayout['bars'][number]>('text.overview-layer')
    .data(layout.bars, (b) => String(b.layer))
    .join('text')
    .attr('class', 'overview-layer')
    .attr('aria-hidden', 'true')
    .attr('dy', '0.35em')
    .attr('text-anchor', layout.vertical ? 'start' : 'middle')
    .attr('x', (b) => (layout.vertical ? 4 : b.x + b.w / 2))
    .attr('y', (b) => (layout.vertical ? b.y + b.h / 2 : boxes.find((p) => p.kind === 'attn')!.y + 10))
    .text((b) => options.layerText(b.layer, !layout.vertical));

  const shown = data.tokens.slice(-layout.tokenSlots.length);
  const origin = (x: number, y: number) => `translate(${x},${y})`;
  const chips = svg
    .selectAll<SVGGElement, string>('g.overview-token')
    .data(shown)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'overview-token').attr('aria-hidden', 'true');
      g.append('rect').attr('rx', 3);
      g.append('text').attr('dy', '0.35em');
      return g;
    })
    .attr('transform', (_, i) => origin(layout.tokenSlots[i].x, layout.tokenSlots[i].y))
    .classed('last', (_, i) => i === shown.length - 1);
  chips
    .select('rect')
    .attr('width', (_, i) => layout.tokenSlots[i].w)
    .attr('height', 18)
    .attr('y', -9);
  chips
    .select<SVGTextElement>('text')
    .attr('x', 4)
    .text((label, i) => fit(label, layout.tokenSlots[i].w - 8));

  const rows = svg
    .selectAll<SVGGElement, OverviewData['next'][number]>('g.overview-next')
    .data(data.next.slice(0, layout.nextSlots.length))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'overview-next').attr('aria-hidden', 'true');
      g.append('rect').attr('class', 'overview-next-bar').attr('rx', 2);
      g.append('text').attr('class', 'overview-next-label').attr('dy', '0.35em');
      g.append('text').attr('class', 'overview-next-p').attr('dy', '0.35em').attr('text-anchor', 'end');
      return g;
    })
    .attr('transform', (_, i) => origin(layout.nextSlots[i].x, layout.nextSlots[i].y));
  rows
    .select('rect')
    .attr('y', 9)
    .attr('height', 4)
    .attr('width', (d, i) => Math.max(1, d.p * layout.nextSlots[i].w));
  rows
    .select<SVGTextElement>('text.overview-next-label')
    .text((d, i) => fit(d.label, layout.nextSlots[i].w * 0.6))
    .attr('x', 0);
  rows
    .select<SVGTextElement>('text.overview-next-p')
    .attr('x', (_, i) => layout.nextSlots[i].w)
    .text((d) => options.percent(d.p));

  // The blocks' figures: bar length = residual norm after the block, on one scale for all blocks.
  const maxNorm = d3.max(data.norms) || 1;
  const figures = svg
    .selectAll<SVGGElement, OverviewLayout['bars'][number]>('g.overview-norm')
    .data(layout.bars, (b) => String(b.layer))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'overview-norm').attr('aria-hidden', 'true');
      g.append('rect').attr('class', 'overview-norm-bar');
      g.append('text').attr('class', 'overview-norm-text').attr('dy', '0.35em');
      return g;
    })
    .attr('data-norm', (b) => data.norms[b.layer + 1]);
  const length = (b: OverviewLayout['bars'][number]) =>
    ((data.norms[b.layer + 1] ?? 0) / maxNorm) * (b.vertical ? b.w * 0.55 : b.h - 12);
  const bars = figures
    .select<SVGRectElement>('rect')
    .attr('x', (b) => (b.vertical ? b.x : b.x + b.w / 2 - Math.min(8, b.w / 3)));
  type BarBox = OverviewLayout['bars'][number];
  const barY = (b: BarBox) => (b.vertical ? b.y + 2 : b.y + b.h - 12 - length(b));
  const barHeight = (b: BarBox) => (b.vertical ? b.h - 4 : length(b));
  const barWidth = (b: BarBox) => (b.vertical ? length(b) : 2 * Math.min(8, b.w / 3));
  figures
    .select<SVGTextElement>('text')
    .attr('x', (b) => (b.vertical ? b.x + b.w * 0.55 + 6 : b.x + b.w / 2))
    .attr('y', (b) => (b.vertical ? b.y + b.h / 2 : b.y + b.h - 4))
    .attr('text-anchor', (b) => (b.vertical ? 'start' : 'middle'))
    .text((b) => options.normText(data.norms[b.layer + 1] ?? 0));

  const previous = element.getAttribute('data-trace-key');
  element.setAttribute('data-trace-key', options.traceKey);
  const play = !options.reducedMotion && previous !== options.traceKey;
  // d3.interrupt (not selection.interrupt): naming d3-transition's export keeps the module,
  // whose import is what adds transition() to selections, in the bundle.
  svg
    .selectAll<SVGCircleElement, unknown>('circle.overview-pulse')
    .each(function () {
      d3.interrupt(this);
    })
    .remove();
  bars.each(function () {
    d3.interrupt(this);
  });
  if (!play) {
    bars.attr('y', barY).attr('height', barHeight).attr('width', barWidth);
    return layout;
  }
  // The bars grow block by block as the pulse reaches them.
  const duration = 1100;
  const path = stream.node()!;
  const total = path.getTotalLength();
  bars
    .attr('y', (b) => (b.vertical ? b.y + 2 : b.y + b.h - 12))
    .attr('height', (b) => (b.vertical ? b.h - 4 : 0))
    .attr('width', (b) => (b.vertical ? 0 : 2 * Math.min(8, b.w / 3)));
  bars
    .transition()
    .delay((b) => 150 + (duration * 0.8 * (b.layer + 0.5)) / data.nLayer)
    .duration(300)
    .attr('y', barY)
    .attr('height', barHeight)
    .attr('width', barWidth);
  for (const delay of [0, 180, 360]) {
    svg
      .append('circle')
      .attr('class', 'overview-pulse')
      .attr('r', 4)
      .attr('aria-hidden', 'true')
      .attr('opacity', 0)
      .transition()
      .delay(delay)
      .duration(duration)
      .ease(d3.easeCubicInOut)
      .attr('opacity', 1)
      .attrTween('transform', () => (t: number) => {
        const p = path.getPointAtLength(t * total);
        return `translate(${p.x},${p.y})`;
      })
      .remove();
  }
  return layout;
}

/** The label cut to about `width` px of 11 px text, with an ellipsis when cut. */
function fit(label: string, width: number): string {
  const max = Math.max(2, Math.floor(width / 6.5));
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}
