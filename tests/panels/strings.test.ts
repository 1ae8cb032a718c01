import { describe, expect, it } from 'vitest';
import { missingKeys, translate, type Strings } from '../../src/i18n/translate';
import attention from '../../src/panels/attention/strings';
import block from '../../src/panels/block/strings';
import { BLOCK_STEPS, SCORE_FORMS } from '../../src/panels/block/steps';

describe('block and attention strings', () => {
  it('have the same keys in English and Chinese', () => {
    for (const s of [block, attention]) expect(missingKeys(s)['zh-CN']).toEqual({ missing: [], extra: [] });
  });

  it('keep their own prefixes, so they never clash with other panels', () => {
    expect(Object.keys(block.en).every((k) => k.startsWith('block.'))).toBe(true);
    expect(Object.keys(attention.en).every((k) => k.startsWith('attention.'))).toBe(true);
  });

  it('explain every step and score form in both languages', () => {
    for (const dict of [block.en, block['zh-CN']] as Record<string, string>[]) {
      for (const step of BLOCK_STEPS) {
        for (const part of ['short', 'title', 'body', 'shape']) expect(dict[`block.step.${step}.${part}`]).toBeTruthy();
      }
      for (const form of SCORE_FORMS) {
        expect(dict[`block.scores.form.${form}`]).toBeTruthy();
        expect(dict[`block.scores.explain.${form}`]).toBeTruthy();
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const s of [block, attention] as Strings[]) {
      for (const key of Object.keys(s.en)) expect(names(s['zh-CN'][key]), key).toEqual(names(s.en[key]));
    }
  });

  it('really are Chinese in the Chinese dictionary', () => {
    const han = /[\u4e00-\u9fff]/;
    const translated = Object.entries(block['zh-CN']).filter(([, text]) => han.test(text)).length;
    expect(translated / Object.keys(block['zh-CN']).length).toBeGreaterThan(0.8);
    expect(translate(attention['zh-CN'], 'attention.title')).toBe('注意力');
  });
});
