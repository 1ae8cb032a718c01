/**
 * A screenshot of every stage at desktop width and of a few at phone width, saved under
 * test-results/screenshots/ for people to look at. Also checks the pages do not scroll
 * sideways on a 375 px phone (charts must fit).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoPageErrors, openBrowser, url, waitForModel, type Session } from './helpers';

const DIR = 'test-results/screenshots';
const PROMPT = 'The quick brown fox jumps over the lazy';

async function capture(s: Session, name: string, stageCount: number, which: (i: number) => boolean): Promise<string[]> {
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

  it('phone (375 px), a few stages, no sideways scrolling', async () => {
    const s = await openBrowser({ width: 375, height: 800 });
    sessions.push(s);
    await capture(s, 'mobile', 10, (i) => i === 0 || i === 2 || i === 5);
    const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expectNoPageErrors(s);
  });
});
