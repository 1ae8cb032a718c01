/**
 * Saving a chart as a file. A chart here is a container holding SVG elements and/or
 * canvases (a heatmap paints cells on a canvas under an SVG of axes). Both exports
 * compose the same layers at their on-screen positions:
 * - SVG: each <svg> is cloned with its computed styles inlined (so it looks the same
 *   without the page's CSS and custom properties), each canvas becomes an <image>;
 * - PNG: the same SVG document drawn onto a canvas at 2x.
 * Labels laid out in HTML beside a chart (the attention view's token columns) are drawn
 * too when they carry a data-export-text attribute: as SVG text on their box's colours.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Style properties that decide how SVG content looks; copied from the computed style. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'visibility',
  'display',
] as const;

/** Copies the computed values of STYLE_PROPS from each source element onto its clone. */
function inlineStyles(source: Element, clone: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  clone.setAttribute('style', style);
  const from = source.children;
  const to = clone.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i], to[i]);
}

/** The layers of a chart (its svgs and canvases), skipping hidden ones. */
function layers(root: HTMLElement | SVGSVGElement): (SVGSVGElement | HTMLCanvasElement)[] {
  const all =
    root instanceof SVGSVGElement || root instanceof HTMLCanvasElement
      ? [root]
      : [...root.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg, canvas')];
  return all.filter((el) => {
    // Nested svgs are drawn with their parent; zero-size layers (empty legends) add nothing.
    if (el instanceof SVGSVGElement && el.parentElement?.closest('svg')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
}

/** HTML labels that belong to the picture (see the header), skipping hidden ones. */
function htmlLabels(root: HTMLElement | SVGSVGElement): HTMLElement[] {
  if (!(root instanceof HTMLElement)) return [];
  return [...root.querySelectorAll<HTMLElement>('[data-export-text]')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
}

/** An HTML label as SVG: its box (background, border, rounded corners) and its text, centred as on screen. */
function labelSvg(doc: XMLDocument, el: HTMLElement, x: number, y: number, box: DOMRect): SVGGElement {
  const computed = getComputedStyle(el);
  const g = doc.createElementNS(SVG_NS, 'g');
  const rect = doc.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', String(x));
  rect.setAttribute('y', String(y));
  rect.setAttribute('width', String(box.width));
  rect.setAttribute('height', String(box.height));
  rect.setAttribute('rx', String(parseFloat(computed.borderTopLeftRadius) || 0));
  const border = parseFloat(computed.borderTopWidth) || 0;
  rect.setAttribute(
    'style',
    `fill:${computed.backgroundColor};stroke:${border > 0 ? computed.borderTopColor : 'none'};stroke-width:${border}`,
  );
  g.appendChild(rect);
  const text = doc.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(x + box.width / 2));
  text.setAttribute('y', String(y + box.height / 2));
  text.setAttribute(
    'style',
    `fill:${computed.color};font-family:${computed.fontFamily};font-size:${computed.fontSize};font-weight:${computed.fontWeight};text-anchor:middle;dominant-baseline:central;white-space:pre`,
  );
  text.textContent = el.textContent ?? '';
  g.appendChild(text);
  return g;
}

/** One standalone SVG document holding every layer of the chart at its place, with a background. */
export function chartSvg(
  root: HTMLElement | SVGSVGElement,
  background: string,
): { markup: string; width: number; height: number } {
  const parts = layers(root);
  if (parts.length === 0) throw new Error('this chart has nothing drawn yet');
  const labels = htmlLabels(root);
  const boxes = parts.map((el) => el.getBoundingClientRect());
  const labelBoxes = labels.map((el) => el.getBoundingClientRect());
  const all = [...boxes, ...labelBoxes];
  const left = Math.min(...all.map((b) => b.left));
  const top = Math.min(...all.map((b) => b.top));
  const width = Math.ceil(Math.max(...all.map((b) => b.right)) - left);
  const height = Math.ceil(Math.max(...all.map((b) => b.bottom)) - top);

  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const out = doc.documentElement;
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('xmlns:xlink', XLINK_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  out.appendChild(bg);

  parts.forEach((el, i) => {
    const x = boxes[i].left - left;
    const y = boxes[i].top - top;
    if (el instanceof HTMLCanvasElement) {
      const image = doc.createElementNS(SVG_NS, 'image');
      image.setAttribute('x', String(x));
      image.setAttribute('y', String(y));
      image.setAttribute('width', String(boxes[i].width));
      image.setAttribute('height', String(boxes[i].height));
      image.setAttribute('preserveAspectRatio', 'none');
      image.setAttributeNS(XLINK_NS, 'xlink:href', el.toDataURL('image/png'));
      out.appendChild(image);
      return;
    }
    const clone = el.cloneNode(true) as SVGSVGElement;
    inlineStyles(el, clone);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(y));
    clone.setAttribute('width', String(boxes[i].width));
    clone.setAttribute('height', String(boxes[i].height));
    out.appendChild(doc.importNode(clone, true));
  });
  labels.forEach((el, i) =>
    out.appendChild(labelSvg(doc, el, labelBoxes[i].left - left, labelBoxes[i].top - top, labelBoxes[i])),
  );
  return { markup: new XMLSerializer().serializeToString(doc), width, height };
}

/** Rasterises the chart's SVG at `scale` x its size (2 by default, for sharp PNGs). */
export async function chartPng(root: HTMLElement | SVGSVGElement, background: string, scale = 2): Promise<Blob> {
  const { markup, width, height } = chartSvg(root, background);
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode a PNG'))), 'image/png'),
  );
}

/** Offers a blob to the user as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** A file-name-safe slug: "Logit lens" -> "logit-lens". */
export const fileSlug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'chart';
