/** The language switch translates the page, sets <html lang>, and the choice survives a reload. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoPageErrors, openBrowser, url, waitFor, waitForModel } from './helpers';

describe('language', () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'forward-pass-lang-'));
  afterAll(() => rmSync(profileDir, { recursive: true, force: true }));

  it('switches to Simplified Chinese and keeps it after a reload', async () => {
    const s = await openBrowser({ profileDir });
    try {
      const { page } = s;
      await page.goto(url());
      await waitForModel(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('section.stage h2').innerText()).toBe('Text → token ids');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('section.stage h2').innerText()).toBe('分词：文本 → 编号');
      expect(await page.getByText('提示词', { exact: true }).count()).toBe(1);

      await page.reload();
      await waitFor(
        () => page.locator('html').getAttribute('lang'),
        (l) => l === 'zh-CN',
        'the saved language',
      );
      expect(await page.locator('section.stage h2').innerText()).toBe('分词：文本 → 编号');
      // The names tests and assistive tools rely on stay the same in every language.
      expect(await page.getByRole('textbox', { name: 'Prompt' }).count()).toBe(1);
      expect(await page.getByRole('combobox', { name: 'Language' }).count()).toBe(1);
      expect(await page.getByRole('slider', { name: 'Temperature' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Next stage' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Next stage' }).innerText()).toContain('下一步');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expectNoPageErrors(s);
    } finally {
      await s.close();
    }
  });
});
