/**
 * Screenshots of every experiment at 1400 px and 375 px, in English and Chinese, saved under
 * test-results/screenshots/ for people to look at, and of the attention stage showing the
 * edited run with its switch and badge; at 375 px none of them makes the page scroll sideways.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PARTY_EXAMPLE } from '../../src/store/experiment-examples';
import { EXPERIMENT_VIEWS } from '../../src/store/experiment-state';
import { expectNoPageErrors, openBrowser, url, waitFor, waitForModel, type Session } from './helpers';

const DIR = 'test-results/screenshots';
const LINK = `?model=tiny-random&prompt=${encodeURIComponent(PARTY_EXAMPLE.prompt)}&cmp=${encodeURIComponent(
  PARTY_EXAMPLE.compare,
)}&ablate=L1H0`;
/** What each view shows once its numbers are in. */
const READY: Record<(typeof EXPERIMENT_VIEWS)[number], string> = {
  ablate: '[data-testid=edited-bars] g.bar',
  compare: '[data-testid=cosine-chart] circle.point',
  patch: '[data-testid=sweep-heatmap] canvas',
  attribute: '[data-testid=attribution-bars] g.signed-bar',
  heads: '[data-testid=probe-scores] canvas',
};

describe('experiment screenshots', () => {
  const sessions: Session[] = [];
  afterAll(async () => Promise.all(sessions.map((s) => s.close())));

  for (const lang of ['en', 'zh-CN'] as const) {
    for (const width of [1400, 375]) {
      it(`${lang} at ${width} px`, async () => {
        const s = await openBrowser({ width, height: 900 });
        sessions.push(s);
        const { page } = s;
        await s.context.addInitScript((l) => localStorage.setItem('forward-pass.lang', l), lang);
        mkdirSync(DIR, { recursive: true });
        await page.goto(url(LINK));
        await waitForModel(page);
        const region = page.getByRole('region', { name: 'Experiments' });
        const overflow: Record<string, number> = {};
        for (const view of EXPERIMENT_VIEWS) {
          await region.locator(`[role=radio][data-value=${view}]`).click();
          if (view === 'patch') await page.getByTestId('ioi-example').click();
          if (view === 'heads') await page.getByRole('button', { name: 'Test for induction heads' }).click();
          await page.locator(READY[view]).first().waitFor();
          await page.waitForTimeout(300);
          overflow[view] = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          await region.screenshot({ path: `${DIR}/experiments-${lang}-${width}-${view}.png` });
        }
        // A stage showing the edited run: the run switch and its badge above the attention view.
        await page.goto(url(`${LINK}&run=edited&stage=blocks&layer=1`));
        await waitForModel(page);
        const stage = page.locator('section.stage');
        await waitFor(
          () => stage.getByTestId('run-switch').getAttribute('data-shown'),
          (v) => v === 'edited',
          'the edited run in the stage',
        );
        const attention = page.getByTestId('attention-view');
        await expect
          .poll(() => attention.getByRole('button', { name: 'Ablate L1H0' }).getAttribute('aria-pressed'))
          .toBe('true');
        await page.waitForTimeout(300);
        // The page's top: the first screen's numbers are the edited run's too, under its badge.
        await page.screenshot({ path: `${DIR}/edited-top-${lang}-${width}.png` });
        overflow.editedStage = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        // The stage's top as a visitor lands on it (heading, switch, badge), and the attention view.
        await stage.evaluate((e) => e.scrollIntoView());
        await page.screenshot({ path: `${DIR}/edited-stage-${lang}-${width}.png` });
        await attention.screenshot({ path: `${DIR}/edited-attention-${lang}-${width}.png` });
        if (width === 375) expect(Object.entries(overflow).filter(([, px]) => px > 0)).toEqual([]);
        await waitFor(
          () => page.evaluate(() => document.documentElement.lang),
          (l) => l === lang,
          'the language',
        );
        expectNoPageErrors(s);
      });
    }
  }
});
