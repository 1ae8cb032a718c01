/**
 * The bundled model's two circuits, as a visitor sees them in the attention view: on a prompt
 * that says the same sentence twice, L0H0 looks from each token to the one before it, and L1H0
 * looks from a token of the second sentence to the token that followed that token the first
 * time (an induction head). The heaviest line of each head is checked against the CLI's trace of
 * the same prompt, and both views are saved as screenshots. The head detector's induction test
 * finds L1H0 too, on random common tokens.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceJson } from '../../scripts/lib/trace-json';
import { drawnLines } from './attention-lines';
import { SCREENSHOTS } from './block-page';
import { cliTrace } from './cli-trace';
import { BUNDLED_MODEL, expectNoPageErrors, openBrowser, url, waitFor, waitForModel, type Session } from './helpers';

const SENTENCE = 'The old lighthouse keeper walked along the rocky shore at dawn.';
const PROMPT = `${SENTENCE} ${SENTENCE}`;

/** Shows only `head` of `layer` for the token at `position`, and returns its drawn lines. */
async function showHead(s: Session, layer: number, head: number, position: number) {
  const { page } = s;
  await page.getByRole('button', { name: `Open layer ${layer}, head ${head}` }).click();
  await expect.poll(() => page.getByTestId('layer-select').inputValue()).toBe(String(layer));
  await page.locator(`.token-column.query button[data-position="${position}"]`).click();
  await page.getByRole('button', { name: `Only head ${head}` }).click();
  // Away from the token columns, so that a hover preview does not replace the selected token's lines.
  await page.mouse.move(0, 0);
  await expect.poll(() => page.getByTestId('attention-focus').innerText()).not.toContain('preview');
  await expect
    .poll(async () => (await drawnLines(s)).filter((l) => l.query === position && l.head === head).length)
    .toBeGreaterThan(0);
  return (await drawnLines(s)).filter((l) => l.query === position);
}

/** The attention view alone, where the circuit is visible without scrolling. */
const saveAttentionView = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Attention' }).screenshot({ path: `${SCREENSHOTS}/${name}.png` });

const heaviest = <T extends { weight: number }>(lines: T[]): T =>
  lines.reduce((best, l) => (l.weight > best.weight ? l : best));

describe(`the bundled model's circuits in the attention view (${BUNDLED_MODEL.id})`, () => {
  let s: Session;
  let ref: TraceJson;
  let page: Page;
  let period: number;

  beforeAll(async () => {
    ref = cliTrace(BUNDLED_MODEL.folder, PROMPT);
    period = ref.tokens.length / 2;
    s = await openBrowser({ width: 1400, height: 1000 });
    page = s.page;
    await page.goto(url(`?model=${BUNDLED_MODEL.id}&prompt=${encodeURIComponent(PROMPT)}`));
    expect((await waitForModel(page)).model).toBe(BUNDLED_MODEL.id);
    await page.locator('.overview button', { hasText: 'block' }).click();
    await waitFor(
      () => page.locator('.token-column.query button').count(),
      (n) => n === ref.tokens.length,
      "the prompt's tokens in the attention view",
    );
    await page.locator('[data-testid=head-grid] rect.cell').first().waitFor({ timeout: 60_000 });
  });
  afterAll(async () => s?.close());

  it('the prompt is one sentence twice, token for token after the first ("The" against " The")', () => {
    expect(Number.isInteger(period)).toBe(true);
    const ids = ref.tokens.map((t) => t.id);
    expect(ids.slice(period + 1)).toEqual(ids.slice(1, period));
  });

  it('L0H0 looks at the previous token', async () => {
    const position = period + 4;
    const lines = await showHead(s, 0, 0, position);
    expect(lines.every((l) => l.head === 0)).toBe(true);
    const top = heaviest(lines);
    expect(top.key).toBe(position - 1);
    expect(top.weight).toBeGreaterThan(0.5);
    expect(Math.abs(top.weight - ref.attention[0][0][position][position - 1])).toBeLessThan(2e-3);
    await saveAttentionView(page, 'circuits-previous-token-L0H0');
  });

  it('L1H0 looks at the token after the earlier occurrence (induction)', async () => {
    const position = period + 4;
    const target = position - period + 1;
    const lines = await showHead(s, 1, 0, position);
    const top = heaviest(lines);
    expect(top.key).toBe(target);
    expect(top.weight).toBeGreaterThan(0.5);
    expect(Math.abs(top.weight - ref.attention[1][0][position][target])).toBeLessThan(2e-3);
    // Over the second sentence, L1H0 gives the induction target far more than even attention would.
    const scores = ref.attention[1][0].slice(period, -1).map((row, i) => row[i + 1]);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    console.log(`${BUNDLED_MODEL.id}: L1H0 induction attention over the second sentence ${mean.toFixed(3)}`);
    expect(mean).toBeGreaterThan(0.4);
    await saveAttentionView(page, 'circuits-induction-L1H0');
    expectNoPageErrors(s);
  });

  it("the head detector's induction test finds L1H0 on common tokens, less on the whole vocabulary", async () => {
    const detector = page.getByRole('region', { name: 'Head detector' });
    await page.getByRole('region', { name: 'Experiments' }).getByRole('radio', { name: 'Head detector' }).click();
    const probe = async (set: string) => {
      await detector.getByRole('radio', { name: set }).click();
      await detector.getByRole('button', { name: 'Test for induction heads' }).click();
      const grid = detector.getByTestId('probe-scores');
      // The grid's caption names the set it was run on.
      const caption = set === 'the whole vocabulary' ? 'whole vocabulary' : 'common tokens';
      await waitFor(
        async () => ((await grid.count()) > 0 ? grid.innerText() : ''),
        (t) => t.includes(caption),
        `the probe on ${set}`,
      );
      return JSON.parse((await grid.getAttribute('data-scores')) ?? 'null') as number[][];
    };
    const common = await probe('GPT-2’s 5,000 most common');
    const best = common.flat().indexOf(Math.max(...common.flat()));
    expect(best).toBe(1 * common[0].length + 0);
    console.log(`${BUNDLED_MODEL.id}: probe L1H0 on common tokens ${common[1][0].toFixed(3)}`);
    expect(common[1][0]).toBeGreaterThan(0.3);
    await detector.screenshot({ path: `${SCREENSHOTS}/circuits-induction-test.png` });
    const any = await probe('the whole vocabulary');
    console.log(`${BUNDLED_MODEL.id}: probe L1H0 on the whole vocabulary ${any[1][0].toFixed(3)}`);
    expect(any[1][0]).toBeLessThan(common[1][0]);
    expectNoPageErrors(s);
  });
});
