import { useEffect } from 'react';
import { useSim } from '../../store/simStore.ts';
import { htmlLang } from '../i18n/index.ts';

/**
 * Mirrors the store's language and theme on <html>: `lang` for screen readers and CJK font
 * selection, `data-theme` for a manual light/dark override (without it the palette follows
 * prefers-color-scheme).
 */
export function useDocumentSettings(): void {
  const language = useSim((state) => state.language);
  const theme = useSim((state) => state.theme);
  useEffect(() => {
    document.documentElement.lang = htmlLang(language);
  }, [language]);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.dataset.theme = theme;
  }, [theme]);
}
