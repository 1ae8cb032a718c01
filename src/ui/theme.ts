/**
 * Light, dark or the system's choice, persisted. The resolved theme ("light" or "dark")
 * goes to <html data-theme>, which the CSS reads; "system" follows prefers-color-scheme,
 * also when it changes while the page is open.
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import { headColor } from '../charts/palette';

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

const apply = (theme: Theme): 'light' | 'dark' => {
  const resolved = resolveTheme(theme, darkQuery.matches);
  document.documentElement.dataset.theme = resolved;
  return resolved;
};

/**
 * theme: the user's choice; resolved: what is shown, for the few colours CSS cannot set
 * (the head palette, drawn by D3 and inline styles).
 */
export const useTheme = create<{ theme: Theme; resolved: 'light' | 'dark'; setTheme(t: Theme): void }>()((set) => ({
  theme: saved(),
  resolved: resolveTheme(saved(), darkQuery.matches),
  setTheme(theme) {
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // Storage unavailable: the choice lasts for this visit.
    }
    set({ theme, resolved: apply(theme) });
  },
}));

apply(useTheme.getState().theme);
darkQuery.addEventListener('change', () => useTheme.setState({ resolved: apply(useTheme.getState().theme) }));

/** headColor for the theme on screen; a new function when the theme changes, so charts redraw. */
export function useHeadColor(): (head: number) => string {
  const resolved = useTheme((s) => s.resolved);
  return useCallback((head: number) => headColor(head, resolved), [resolved]);
}
