/**
 * The UI languages, the user's choice persisted in localStorage, and <html lang> kept in step.
 */
export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

const STORAGE_KEY = 'forward-pass.lang';

export const isLang = (s: unknown): s is Lang => (LANGS as readonly unknown[]).includes(s);

/** The saved choice, else the browser's preference (any Chinese -> zh-CN), else English. */
export function initialLang(storage: Pick<Storage, 'getItem'> | undefined, browserLangs: readonly string[]): Lang {
  const saved = storage?.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  return browserLangs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function saveLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage full: the choice lasts for this visit only.
  }
}
