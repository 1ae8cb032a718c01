/**
 * The whole UI's strings: the shell's (strings.ts here) plus every panel's own
 * src/panels/<panel>/strings.ts (default export { en, zh }), found by Vite at build time,
 * so each panel keeps its strings next to its code.
 */
import type { Lang } from './lang';
import shell from './strings';
import { mergeStrings, type Dict, type Strings } from './translate';

const panelStrings = import.meta.glob<Strings>('../panels/*/strings.ts', { eager: true, import: 'default' });
const chartStrings = import.meta.glob<Strings>('../charts/strings.ts', { eager: true, import: 'default' });

export const allStrings: Strings = mergeStrings([
  shell,
  ...Object.values(chartStrings),
  ...Object.values(panelStrings),
]);

export const dictionaryFor = (lang: Lang): Dict => (lang === 'zh-CN' ? allStrings.zh : allStrings.en);
