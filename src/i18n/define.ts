/**
 * How a part of the UI declares its strings: English first, and every other language of
 * LANGS with exactly English's keys. A missing or extra key in a translation fails to
 * compile, so adding a language means adding it to LANGS and writing its dictionaries.
 */
import type { Lang } from './lang';

export type Dict = Record<string, string>;

/** One part of the UI's strings, per language. */
export type Strings = Record<Lang, Dict>;

export function defineStrings<K extends string>(
  dicts: { en: Record<K, string> } & Record<Exclude<Lang, 'en'>, Record<NoInfer<K>, string>>,
): Record<Lang, Record<K, string>> {
  return dicts;
}
