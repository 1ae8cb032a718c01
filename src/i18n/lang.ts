/**
 * The UI languages, the user's choice persisted in localStorage, and <html lang> kept in step.
 */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The primary language subtag a browser preference must have to choose this language ("zh-TW" -> zh-CN). */
const primaryTag = (lang: string) => lang.toLowerCase().split('-')[0];

const STORAGE_KEY = 'forward-pass.lang';

export const isLang = (s: unknown): s is Lang => (LANGS as readonly unknown[]).includes(s);

/**
 * The saved choice, else the first translation the browser asks for in any of its preferences
 * (any Chinese -> zh-CN), else English.
 */
export function initialLang(storage: Pick<Storage, 'getItem'> | undefined, browserLangs: readonly string[]): Lang {
  const saved = storage?.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  const wanted = new Set(browserLangs.map(primaryTag));
  return LANGS.find((lang) => lang !== 'en' && wanted.has(primaryTag(lang))) ?? 'en';
}

export function saveLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
}
