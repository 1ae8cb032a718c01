/**
 * Checking chart export in the page: which drawn charts lack export buttons, and what one
 * chart's SVG and PNG downloads hold (parsed in the browser, which has the decoders).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface ChartAudit {
  /** data-export-name of every chart on screen that has export buttons. */
  exportable: string[];
  /** Drawn svgs and canvases outside every exportable chart, described for the failure message. */
  orphans: string[];
}

/** What charts are on screen now. Small drawings (under 24 px either way) are icons, not charts. */
export const auditCharts = (page: Page): Promise<ChartAudit> =>
  page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const exportable = [...document.querySelectorAll('[data-export-name]')]
      .filter(shown)
      .map((el) => el.getAttribute('data-export-name')!);
    const orphans = [...document.querySelectorAll('svg, canvas')]
      .filter((el) => !el.parentElement?.closest('svg') && !el.closest('[data-export-name]'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width >= 24 && r.height >= 24;
      })
      .map((el) => {
        const region = el.closest('section[aria-labelledby], section[aria-label], figure');
        const where =
          region?.getAttribute('aria-label') ?? region?.querySelector('h2, h3, h4, figcaption')?.textContent ?? '';
        return `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} in "${where.slice(0, 60)}"`;
      });
    return { exportable: [...new Set(exportable)], orphans };
  });

export interface ExportCheck {
  svg: { parsed: boolean; width: number; height: number; images: number; blankImages: number };
  png: { width: number; height: number; colours: number };
  /** Canvases inside the chart on screen (each must come out as an image in the SVG). */
  canvases: number;
  /** The chart's drawn size on screen (union of its svg and canvas layers and its HTML labels). */
  shown: { width: number; height: number };
}

/** Clicks a button and returns the bytes of the file it downloads. */
async function download(page: Page, button: ReturnType<Page['locator']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = readFileSync((await file.path())!);
  mkdirSync(EXPORTS, { recursive: true });
  writeFileSync(`${EXPORTS}/${file.suggestedFilename()}`, bytes);
  return bytes;
}

/** Where the downloads are kept, to look at. */
const EXPORTS = 'test-results/exports';

/**
 * Downloads the named chart as SVG and PNG (kept in EXPORTS under the file names the page chose) and reads both back in
 * the page.
 */
export async function checkExport(page: Page, name: string): Promise<ExportCheck> {
  const buttons = page.locator(`[data-export-for=${JSON.stringify(name)}]`).first();
  await buttons.scrollIntoViewIfNeeded();
  const svgText = (await download(page, buttons.getByRole('button', { name: 'Download SVG' }))).toString('utf8');
  const png = await download(page, buttons.getByRole('button', { name: 'Download PNG' }));
  return page.evaluate(
    async ({ name, svgText, pngBase64 }) => {
      const target = [...document.querySelectorAll('[data-export-name]')].find(
        (el) => el.getAttribute('data-export-name') === name,
      )!;
      const layers = [target, ...target.querySelectorAll('svg, canvas')].filter(
        (el) => el instanceof SVGSVGElement || el instanceof HTMLCanvasElement,
      );
      const labels = [...target.querySelectorAll('[data-export-text]')];
      const boxes = [...layers.filter((el) => !el.parentElement?.closest('svg')), ...labels]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0);
      const shown = {
        width: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left)),
        height: Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top)),
      };
      const canvases = layers.filter(
        (el) => el instanceof HTMLCanvasElement && el.getBoundingClientRect().width > 0,
      ).length;

      /** Opaque pixels and distinct colours of an image URL, drawn on a canvas. */
      const pixels = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set<number>();
        let opaque = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 0) continue;
          opaque++;
          colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        }
        return { width: c.width, height: c.height, opaque, colours: colours.size };
      };

      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const root = doc.documentElement;
      const parsed = root.localName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
      const images = [...doc.getElementsByTagName('image')];
      let blankImages = 0;
      for (const image of images) {
        const href = image.getAttribute('xlink:href') ?? image.getAttribute('href') ?? '';
        if ((await pixels(href)).opaque === 0) blankImages++;
      }
      const pngPixels = await pixels(`data:image/png;base64,${pngBase64}`);
      return {
        svg: {
          parsed,
          width: Number(root.getAttribute('width')),
          height: Number(root.getAttribute('height')),
          images: images.length,
          blankImages,
        },
        png: { width: pngPixels.width, height: pngPixels.height, colours: pngPixels.colours },
        canvases,
        shown,
      };
    },
    { name, svgText, pngBase64: png.toString('base64') },
  );
}
