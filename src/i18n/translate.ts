/** Looking up a UI string and filling its {placeholders}. Pure, so tests can use it directly. */
import type { Dict, Strings } from './define';
import { LANGS, type Lang } from './lang';

export type { Dict, Strings } from './define';

export type Vars = Record<string, string | number>;

/** dict[key] with each {name} replaced by vars[name]; the key itself when missing, so a gap is visible. */
export function translate(dict: Dict, key: string, vars?: Vars): string {
  const text = dict[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * Merges several Strings into one per language. A key defined twice is a mistake
 * (two parts of the UI would fight over it), so it throws naming the key.
 */
export function mergeStrings(parts: readonly Strings[]): Strings {
  const out = Object.fromEntries(LANGS.map((lang) => [lang, {}])) as Strings;
  for (const part of parts) {
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(part[lang])) {
        if (key in out[lang]) throw new Error(`i18n: string "${key}" is defined twice`);
        out[lang][key] = text;
      }
    }
  }
  return out;
}

/** Per language, the keys English has and it lacks, and those it has and English lacks. */
export function missingKeys(s: Strings): Record<Lang, { missing: string[]; extra: string[] }> {
  const en = Object.keys(s.en);
  return Object.fromEntries(
    LANGS.map((lang) => {
      const own = Object.keys(s[lang]);
      return [lang, { missing: en.filter((k) => !(k in s[lang])), extra: own.filter((k) => !(k in s.en)) }];
    }),
  ) as Record<Lang, { missing: string[]; extra: string[] }>;
}
