/** The language picker: a select named "Language" whatever language is showing. */
import { allStrings, LANGS, LANG_NAMES, isLang, useLangStore } from '../i18n';

// "Language / 语言": the word in every language, since a reader may not know the one shown.
const TITLE = LANGS.map((l) => allStrings[l]['app.language']).join(' / ');

export function LanguageSwitch() {
  const lang = useLangStore((s) => s.lang);
  const setLang = useLangStore((s) => s.setLang);
  return (
    <select
      className="language"
      aria-label="Language"
      title={TITLE}
      value={lang}
      onChange={(e) => isLang(e.target.value) && setLang(e.target.value)}
    >
      {LANGS.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANG_NAMES[l]}
        </option>
      ))}
    </select>
  );
}
