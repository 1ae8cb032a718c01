/**
 * A screenshot of every stage at desktop width and of a few at phone width, saved under
 * test-results/screenshots/ for people to look at. Also checks no stage scrolls sideways on
 * a 375 px phone (charts and tables must fit), with the parameter tally's table open.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoPageErrors, openBrowser, url, waitForModel, type Session } from './helpers';

const DIR = 'test-results/screenshots';
const PROMPT = 'The quick brown fox jumps over the lazy';

/** How far the page scrolls sideways (0 when it does not). */
const sidewaysOverflow = (s: Session) =>
  s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function capture(
  s: Session,
  name: string,
  stageCount: number,
  which: (i: number) => boolean,
  each?: (stage: string) => Promise<void>,
): Promise<string[]> {
  const { page } = s;
  mkdirSync(DIR, { recursive: true });
  await page.goto(url());
  await waitForModel(page);
  await page.getByRole('textbox', { name: 'Prompt' }).fill(PROMPT);
  await page.waitForTimeout(600);
  const stages: string[] = [];
  for (let i = 0; i < stageCount; i++) {
    const stage = (await page.locator('section.stage').getAttribute('data-stage')) ?? String(i);
    stages.push(stage);
    if (which(i)) {
      await page.waitForTimeout(stage === 'blocks' ? 3000 : 400);
      await page.screenshot({ path: `${DIR}/${name}-${i + 1}-${stage}.png`, fullPage: true });
    }
    await each?.(stage);
    const next = page.getByRole('button', { name: 'Next stage' });
    if (await next.isDisabled()) break;
    await next.click();
  }
  return stages;
}

describe('screenshots', () => {
  const sessions: Session[] = [];
  afterAll(async () => Promise.all(sessions.map((s) => s.close())));

  it('desktop, every stage', async () => {
    const s = await openBrowser({ width: 1280, height: 900 });
    sessions.push(s);
    const stages = await capture(s, 'desktop', 10, () => true);
    expect(stages[0]).toBe('tokens');
    expect(stages.at(-1)).toBe('generate');
    expectNoPageErrors(s);
  });

  it('phone (375 px), a few stages, no sideways scrolling on any stage', async () => {
    const s = await openBrowser({ width: 375, height: 800 });
    sessions.push(s);
    const overflows: Record<string, number> = {};
    await capture(
      s,
      'mobile',
      10,
      (i) => i === 0 || i === 2 || i === 5,
      async (stage) => {
        // The tally's breakdown table is the widest thing on a phone: check it open.
        await s.page.evaluate(() =>
          document.querySelector<HTMLDetailsElement>('[data-testid=tally] details')?.setAttribute('open', ''),
        );
        overflows[stage] = await sidewaysOverflow(s);
      },
    );
    expect(Object.keys(overflows).length).toBeGreaterThan(5);
    expect(Object.entries(overflows).filter(([, px]) => px > 0)).toEqual([]);
    expectNoPageErrors(s);
  });
});
