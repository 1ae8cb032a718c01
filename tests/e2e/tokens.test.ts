import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../src/tokenizer';
import { expectNoPageErrors, openBrowser, url, waitForModel, type Session } from './helpers';

describe('tokens stage', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(url());
  });
  afterAll(async () => s?.close());

  it('shows the pieces of a typed prompt as buttons with their ids', async () => {
    const { page } = s;
    const info = await waitForModel(page);
    console.log(`page loaded ${info.model} on ${info.backend} in ${info.loadMs} ms`);
    const prompt = 'Hello world, 你好 🙂';
    await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    const region = page.getByRole('region', { name: 'Tokens' });
    const expected = encode(prompt);
    await expect.poll(() => region.getByRole('button').count()).toBe(expected.length);
    const ids = await region
      .getByRole('button')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-token-id'))));
    expect(ids).toEqual(expected.map((t) => t.id));
    // Leading spaces are visible and partial UTF-8 characters are shown as bytes.
    const texts = await region.locator('.token-text').allInnerTexts();
    expect(texts).toContain('␣world');
    expect(texts.some((t) => /^<[0-9A-F]{2}( [0-9A-F]{2})*>$/.test(t))).toBe(true);
    expectNoPageErrors(s);
  });
});
