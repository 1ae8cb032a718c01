/** Looking up a UI string and filling its {placeholders}. Pure, so tests can use it directly. */
export type Dict = Record<string, string>;

/** The English and Chinese strings of one part of the UI (a panel's strings.ts default-exports one). */
export interface Strings {
  en: Dict;
  zh: Dict;
}

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
  const out: Strings = { en: {}, zh: {} };
  for (const part of parts) {
    for (const lang of ['en', 'zh'] as const) {
      for (const [key, text] of Object.entries(part[lang])) {
        if (key in out[lang]) throw new Error(`i18n: string "${key}" is defined twice`);
        out[lang][key] = text;
      }
    }
  }
  return out;
}

/** Keys present in one language and missing in the other (both directions). */
export function missingKeys(s: Strings): { onlyEn: string[]; onlyZh: string[] } {
  const en = Object.keys(s.en);
  const zh = Object.keys(s.zh);
  return { onlyEn: en.filter((k) => !(k in s.zh)), onlyZh: zh.filter((k) => !(k in s.en)) };
}
