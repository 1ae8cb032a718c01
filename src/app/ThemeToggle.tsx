/** Light / dark / system theme picker. */
import { useT } from '../i18n';
import { THEMES, useTheme } from '../ui/theme';

export function ThemeToggle() {
  const t = useT();
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);
  return (
    <select
      className="theme"
      aria-label={t('app.theme')}
      value={theme}
      onChange={(e) => setTheme(e.target.value as (typeof THEMES)[number])}
    >
      {THEMES.map((th) => (
        <option key={th} value={th}>
          {t(`app.theme.${th}`)}
        </option>
      ))}
    </select>
  );
}
