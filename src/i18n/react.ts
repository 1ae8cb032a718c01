/**
 * The current language as a tiny zustand store (separate from the app store: it is a
 * preference, not model data), the t() hook, and the side effects of a change
 * (localStorage, <html lang>).
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import { dictionaryFor } from './dictionaries';
import { initialLang, saveLang, type Lang } from './lang';
import { translate, type Vars } from './translate';

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
const browserLangs = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

const applyToDocument = (lang: Lang) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
};

export const useLangStore = create<LangState>()((set) => ({
  lang: initialLang(storage, browserLangs),
  setLang(lang) {
    saveLang(storage, lang);
    applyToDocument(lang);
    set({ lang });
  },
}));

applyToDocument(useLangStore.getState().lang);

export const useLang = (): Lang => useLangStore((s) => s.lang);

export type TFunction = (key: string, vars?: Vars) => string;

/** t(key, vars) in the current language; components re-render when it changes. */
export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key: string, vars?: Vars) => translate(dictionaryFor(lang), key, vars), [lang]);
}
