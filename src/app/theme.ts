/**
 * Light, dark or the system's choice, persisted. The choice is written to <html data-theme>;
 * the CSS reads it (and prefers-color-scheme when it is "system").
 */
import { create } from 'zustand';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'forward-pass.theme';
const isTheme = (v: unknown): v is Theme => (THEMES as readonly unknown[]).includes(v);

function saved(): Theme {
  try {
    const v = localStorage.getItem(KEY);
    return isTheme(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

const apply = (theme: Theme) => {
  document.documentElement.dataset.theme = theme;
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
