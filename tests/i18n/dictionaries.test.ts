import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allStrings } from '../../src/i18n/dictionaries';
import { initialLang, LANGS } from '../../src/i18n/lang';
import { mergeStrings, missingKeys, translate } from '../../src/i18n/translate';
import { STAGES } from '../../src/stages/registry';
import { sourceFiles } from '../source-files';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const translations = LANGS.filter((lang) => lang !== 'en');

describe('the whole UI’s strings (shell, shared pieces and every panel)', () => {
  it('include every strings.ts under src (one left out shows its keys on the page)', () => {
    const listed = readFileSync('src/i18n/dictionaries.ts', 'utf8');
    const files = sourceFiles('src').filter((f) => /(^|\/)strings\.ts$/.test(f) && f !== 'src/i18n/strings.ts');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const from = `'../${file.replace(/^src\//, '').replace(/\.ts$/, '')}'`;
      expect(listed, file).toContain(from);
    }
  });

  it('have identical keys in every language', () => {
    for (const lang of LANGS) expect(missingKeys(allStrings)[lang], lang).toEqual({ missing: [], extra: [] });
    expect(Object.keys(allStrings.en).length).toBeGreaterThan(100);
  });

  it('use the same placeholders in every language, and no string is empty', () => {
    for (const [key, en] of Object.entries(allStrings.en)) {
      expect(en.trim(), key).not.toBe('');
      for (const lang of translations) {
        expect(placeholders(allStrings[lang][key]), `${lang} ${key}`).toEqual(placeholders(en));
        expect(allStrings[lang][key].trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('give every stage a title, a short name and an explanation in every language', () => {
    for (const lang of LANGS) {
      for (const stage of STAGES) {
        for (const key of Object.values(stage.strings)) expect(allStrings[lang][key], key).toBeTruthy();
      }
    }
  });

  it('are really translated: Chinese explanations are written in Chinese', () => {
    for (const stage of STAGES) {
      const zh = allStrings['zh-CN'][stage.strings.explain];
      const han = [...zh].filter((c) => /\p{Script=Han}/u.test(c)).length;
      expect(han / zh.length, stage.id).toBeGreaterThan(0.4);
    }
  });

  // A key is used when the code names it, whole ('block.ln.mean') or as a template whose
  // ${...} parts stand for one dotted segment each, after a fixed namespace (`block.qkv.${name}`).
  it('are all used: no key is left in a dictionary that no code asks for', () => {
    const code = sourceFiles('src')
      .filter((file) => !file.endsWith('strings.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const quoted = new Set([...code.matchAll(/['"]([\w.-]+)['"]/g)].map((m) => m[1]));
    const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    const templates = [...code.matchAll(/`([\w.-]*\$\{[^`]*)`/g)]
      .map((m) => m[1].split(/\$\{[^}]*\}/))
      .filter((parts) => /^[a-z][\w-]*\./.test(parts[0]))
      .map((parts) => new RegExp(`^${parts.map(escape).join('[\\w-]+')}$`));
    const unused = Object.keys(allStrings.en).filter((key) => !quoted.has(key) && !templates.some((r) => r.test(key)));
    expect(unused).toEqual([]);
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
        { en: { x: 'a' }, 'zh-CN': { x: 'a' } },
        { en: { x: 'b' }, 'zh-CN': {} },
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
