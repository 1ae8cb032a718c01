import { describe, expect, it } from 'vitest';
import { allStrings } from '../../src/i18n/dictionaries';
import { initialLang } from '../../src/i18n/lang';
import { mergeStrings, missingKeys, translate } from '../../src/i18n/translate';
import { STAGES } from '../../src/stages/registry';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the whole UI’s strings (shell and every panel)', () => {
  it('have identical keys in English and Chinese', () => {
    expect(missingKeys(allStrings)).toEqual({ onlyEn: [], onlyZh: [] });
    expect(Object.keys(allStrings.en).length).toBeGreaterThan(100);
  });

  it('use the same placeholders in both languages, and no string is empty', () => {
    for (const [key, en] of Object.entries(allStrings.en)) {
      expect(placeholders(allStrings.zh[key]), key).toEqual(placeholders(en));
      expect(en.trim(), key).not.toBe('');
      expect(allStrings.zh[key].trim(), key).not.toBe('');
    }
  });

  it('give every stage a title, a short name and an explanation in both languages', () => {
    for (const dict of [allStrings.en, allStrings.zh]) {
      for (const stage of STAGES) {
        for (const key of Object.values(stage.strings)) expect(dict[key], key).toBeTruthy();
      }
    }
  });

  it('are really translated: Chinese explanations are written in Chinese', () => {
    for (const stage of STAGES) {
      const zh = allStrings.zh[stage.strings.explain];
      const han = [...zh].filter((c) => /\p{Script=Han}/u.test(c)).length;
      expect(han / zh.length, stage.id).toBeGreaterThan(0.4);
    }
  });
});

describe('translate and mergeStrings', () => {
  it('fills placeholders and shows a missing key as itself', () => {
    expect(translate({ a: '{n} of {max}' }, 'a', { n: 3, max: 5 })).toBe('3 of 5');
    expect(translate({ a: '{n} and {other}' }, 'a', { n: 1 })).toBe('1 and {other}');
    expect(translate({}, 'missing.key')).toBe('missing.key');
  });

  it('refuses a key defined twice', () => {
    expect(() =>
      mergeStrings([
        { en: { x: 'a' }, zh: { x: 'a' } },
        { en: { x: 'b' }, zh: {} },
      ]),
    ).toThrow('"x" is defined twice');
  });
});

describe('initialLang', () => {
  const storage = (v: string | null) => ({ getItem: () => v });
  it('prefers the saved choice, then a Chinese browser, then English', () => {
    expect(initialLang(storage('zh-CN'), ['en-US'])).toBe('zh-CN');
    expect(initialLang(storage('fr'), ['zh-TW', 'en'])).toBe('zh-CN');
    expect(initialLang(storage(null), ['de-DE'])).toBe('en');
    expect(initialLang(undefined, [])).toBe('en');
  });
});
