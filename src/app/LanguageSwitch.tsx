/** The language picker: a select named "Language" whatever language is showing. */
import { LANGS, LANG_NAMES, isLang, useLangStore } from '../i18n';

export function LanguageSwitch() {
  const lang = useLangStore((s) => s.lang);
  const setLang = useLangStore((s) => s.setLang);
  return (
    <select
      className="language"
      aria-label="Language"
      title="Language / 语言"
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
