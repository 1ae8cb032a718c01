export { LANGS, LANG_NAMES, isLang, type Lang } from './lang';
export { translate, mergeStrings, missingKeys, type Dict, type Strings, type Vars } from './translate';
export { defineStrings } from './define';
export { allStrings, dictionaryFor } from './dictionaries';
export { useLang, useLangStore, useT, type TFunction } from './react';
