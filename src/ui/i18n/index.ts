import { useCallback } from 'react';
import { type Language, useSim } from '../../store/simStore.ts';
import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type { MessageKey };

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, zh };

export type Vars = Readonly<Record<string, string | number>>;

/** `t('nodes.addLimit', { count: 3, max: 32 })` → "3 of at most 32 nodes". */
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translate(language: Language, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[language][key];
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** The current language (re-renders when the user switches). */
export function useLanguage(): Language {
  return useSim((state) => state.language);
}

/** The typed translation hook of the shell. */
export function useT(): Translate {
  const language = useLanguage();
  return useCallback((key: MessageKey, vars?: Vars) => translate(language, key, vars), [language]);
}

/**
 * For texts that live next to their component (the ring, the matrix, the inspectors):
 * `pick({ en: 'Owner', zh: '负责节点' })` with the current language.
 */
export function usePick(): (texts: { readonly en: string; readonly zh: string }) => string {
  const language = useLanguage();
  return useCallback((texts) => texts[language], [language]);
}

/** BCP 47 tag for `lang` attributes. */
export function htmlLang(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en';
}
