/**
 * Light, dark or the system's choice, persisted. The resolved theme ("light" or "dark")
 * goes to <html data-theme>, which the CSS reads; "system" follows prefers-color-scheme,
 * also when it changes while the page is open.
 */
import { create } from 'zustand';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'forward-pass.theme';
const isTheme = (v: unknown): v is Theme => (THEMES as readonly unknown[]).includes(v);
const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

function saved(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return isTheme(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

export const resolveTheme = (theme: Theme, systemDark: boolean): 'light' | 'dark' =>
  theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;

const apply = (theme: Theme) => {
  document.documentElement.dataset.theme = resolveTheme(theme, darkQuery.matches);
};

export const useTheme = create<{ theme: Theme; setTheme(t: Theme): void }>()((set) => ({
  theme: saved(),
  setTheme(theme) {
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Storage unavailable: the choice lasts for this visit.
    }
    apply(theme);
    set({ theme });
  },
}));

apply(useTheme.getState().theme);
darkQuery.addEventListener('change', () => apply(useTheme.getState().theme));
