/**
 * The attention view in a real browser: click a token and the lines of every head match
 * the CLI trace's attention for the same prompt (attention[layer][head][query][key]);
 * the other direction, head toggles, the layer x head grid, hover preview, the keyboard,
 * and the time a click takes to redraw.
 */
import { cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnLines, expectSameLines, linesOf, type Line } from './attention-lines';
import { openBlockStage, referenceTrace, screenshot } from './block-page';
import { expectNoPageErrors, openBrowser, type Session } from './helpers';

/** The lines the CLI's attention says should be drawn for a token, layer and direction. */
const expectedLines = (layer: number, position: number, direction: 'from' | 'to', heads: number[]): Line[] =>
  linesOf(referenceTrace().attention[layer], position, direction, heads);

describe('attention view', () => {
  let s: Session;
  const heads = () => referenceTrace().attention[0].map((_, h) => h);

  beforeAll(async () => {
    s = await openBrowser({ width: 1280, height: 900 });
  });
  afterAll(async () => s?.close());

  it("shows the clicked token's heads, matching the CLI trace", async () => {
    const { page } = s;
    await openBlockStage(page);
    const view = page.getByRole('region', { name: 'Attention' });
    const tokens = referenceTrace().tokens;
    const position = 4;
    await view
      .getByRole('group', { name: /Queries/ })
      .getByRole('button', { name: `Select token #${position} ${tokens[position].display}` })
      .click();
    await expect
      .poll(() => page.getByTestId('attention-focus').innerText())
      .toContain(`#${position} ${tokens[position].display}`);
    expectSameLines(await drawnLines(s), expectedLines(0, position, 'from', heads()));
    // The summary table names each head's heaviest key with the CLI's weight.
    for (const head of heads()) {
      const row = referenceTrace().attention[0][head][position];
      const best = row.indexOf(Math.max(...row));
      const first = page.getByTestId('head-summary').locator(`tr[data-head="${head}"] .summary-target`).first();
      expect(Number(await first.getAttribute('data-position'))).toBe(best);
      expect(Math.abs(Number(await first.getAttribute('data-weight')) - row[best])).toBeLessThan(2e-3);
    }
    await screenshot(page, 'attention-desktop-token');
  });

  it("switches to 'attended to by': lines come from later tokens", async () => {
    const { page } = s;
    // With the keyboard: an arrow moves the radio choice and leaves the stage alone.
    await page.getByRole('radio', { name: 'This token attends to' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('radio', { name: 'Attended to by' }).getAttribute('aria-checked'))
      .toBe('true');
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('blocks');
    await expect.poll(() => page.getByTestId('attention-focus').innerText()).toMatch(/^Which tokens look at #4/);
    expectSameLines(await drawnLines(s), expectedLines(0, 4, 'to', heads()));
    await screenshot(page, 'attention-desktop-attended-by');
    await page.getByRole('radio', { name: 'This token attends to' }).click();
  });

  it('hides and shows a head with its swatch', async () => {
    const { page } = s;
    const swatch = page.getByRole('button', { name: 'Show or hide head 1' });
    await swatch.click();
    await expect.poll(() => swatch.getAttribute('aria-pressed')).toBe('false');
    const lines = await drawnLines(s);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.head !== 1)).toBe(true);
    await swatch.click();
    expect((await drawnLines(s)).some((l) => l.head === 1)).toBe(true);
  });

  it('previews a token on hover without selecting it', async () => {
    const { page } = s;
    const tokens = referenceTrace().tokens;
    await page
      .getByRole('button', { name: `Select token #2 ${tokens[2].display}` })
      .first()
      .hover();
    await expect.poll(() => page.getByTestId('attention-focus').innerText()).toContain(`#2 ${tokens[2].display}`);
    expectSameLines(await drawnLines(s), expectedLines(0, 2, 'from', heads()));
    expect(await page.getByTestId('token-select').inputValue()).toBe('4');
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId('attention-focus').innerText()).toContain('#4');
  });

  it('moves between tokens with the arrow keys and selects with Enter, without changing stage', async () => {
    const { page } = s;
    const queries = page.getByRole('group', { name: /Queries/ });
    await queries.locator('button[data-position="4"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('attention-focus').innerText()).toContain('#6');
    await page.keyboard.press('Enter');
    await expect.poll(() => queries.locator('button[data-position="6"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('section.stage').getAttribute('data-stage')).toBe('blocks');
    expectSameLines(await drawnLines(s), expectedLines(0, 6, 'from', heads()));
  });

  it('opens a layer and head from the grid', async () => {
    const { page } = s;
    const layer = referenceTrace().attention.length - 1;
    const head = heads().at(-1)!;
    await page.getByRole('button', { name: `Open layer ${layer}, head ${head}` }).click();
    await expect.poll(() => page.getByTestId('layer-select').inputValue()).toBe(String(layer));
    expect(await page.getByTestId('head-select').inputValue()).toBe(String(head));
    await expect
      .poll(() => page.locator('.attention-lower figcaption').first().innerText())
      .toContain(`layer ${layer}, head ${head}`);
    await expect.poll(async () => (await drawnLines(s)).length).toBeGreaterThan(0);
    expectSameLines(await drawnLines(s), expectedLines(layer, 6, 'from', heads()));
    await screenshot(page, 'attention-desktop-grid-opened');
  });

  it('redraws within 50 ms of a token click', async (ctx) => {
    const { page } = s;
    // Clicks a few tokens and times click -> lines redrawn for that token, and -> the next frame.
    const times = await page.evaluate(async () => {
      const out: { drawn: number; frame: number }[] = [];
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('.token-column.query button')];
      const lines = document.querySelector('.lines-box svg')!;
      for (const i of [1, 3, 5, 7, 2, 8, 0, 4, 6, 1]) {
        const start = performance.now();
        const drawn = new Promise<number>((resolve) => {
          const done = () => {
            if (lines.querySelector(`path[data-query="${i}"]`)) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          };
          const observer = new MutationObserver(done);
          observer.observe(lines, { subtree: true, attributes: true, childList: true });
        });
        buttons[i].click();
        const d = await drawn;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        out.push({ drawn: d, frame: performance.now() - start });
        await new Promise((r) => setTimeout(r, 300));
      }
      return out;
    });
    const load = loadavg()[0];
    console.log(
      `token click -> lines drawn / next frame (ms), load average ${load.toFixed(1)}:`,
      times.map((t) => `${t.drawn.toFixed(1)}/${t.frame.toFixed(1)}`).join(', '),
    );
    if (s.pageErrors.length > 0) console.log('page errors:', s.pageErrors);
    expectNoPageErrors(s);
    // Wall-clock time means nothing when other jobs keep every core busy: say so rather than pass or fail on noise.
    if (load > 2 * cpus().length)
      ctx.skip(`load average ${load.toFixed(1)} on ${cpus().length} cores: timing not judged`);
    // The fastest of ten clicks is what the page itself costs; slower ones waited for the CPU.
    expect(Math.min(...times.map((t) => t.drawn))).toBeLessThan(50);
  });

  it('fits a 375 px phone', async () => {
    const phone = await openBrowser({ width: 375, height: 800 });
    try {
      await openBlockStage(phone.page);
      await phone.page
        .getByRole('button', { name: /^Select token #3 / })
        .first()
        .click();
      const fits = await phone.page.evaluate(() => {
        const view = document.querySelector('.attention-view')!;
        return view.scrollWidth <= view.clientWidth && view.getBoundingClientRect().right <= window.innerWidth;
      });
      expect(fits).toBe(true);
      await phone.page
        .getByRole('region', { name: 'Attention' })
        .screenshot({ path: 'test-results/screenshots/attention-phone.png' });
      expectNoPageErrors(phone);
    } finally {
      await phone.close();
    }
  });
});
