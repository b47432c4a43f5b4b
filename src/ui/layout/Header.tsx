import { setLanguage, setTheme, type Theme, useSim, workerCount } from '../../store/simStore.ts';
import { useT } from '../i18n/index.ts';

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

function ThemeIcon({ theme }: { readonly theme: Theme }) {
  if (theme === 'light') {
    return (
      <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
        <circle cx="10" cy="10" r="4" />
        <path d="M10 1.5v2.5M10 16v2.5M1.5 10H4M16 10h2.5M4 4l1.8 1.8M14.2 14.2 16 16M4 16l1.8-1.8M14.2 5.8 16 4" />
      </svg>
    );
  }
  if (theme === 'dark') {
    return (
      <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
        <path d="M16.5 12.5A7 7 0 0 1 7.5 3.5a7 7 0 1 0 9 9Z" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
      <circle cx="10" cy="10" r="7" />
      <path d="M10 3a7 7 0 0 1 0 14Z" className="fill" />
    </svg>
  );
}

/** Title, the runtime badge, language and theme. */
export function Header() {
  const t = useT();
  const language = useSim((state) => state.language);
  const theme = useSim((state) => state.theme);
  const runtime = useSim((state) => state.runtime);
  const workers = useSim((state) => workerCount(state.workerFlags));
  const themeName = t(`theme.${theme}`);
  return (
    <header className="app-header">
      <div className="brand">
        <svg viewBox="0 0 32 32" aria-hidden="true" className="logo">
          <circle cx="16" cy="16" r="11" />
          <circle cx="16" cy="5" r="3" className="dot" />
          <circle cx="25.5" cy="21.5" r="3" className="dot" />
          <circle cx="6.5" cy="21.5" r="3" className="dot" />
        </svg>
        <div>
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <p className="runtime-badge" data-testid="runtime-badge">
        <span className="runtime-dot" aria-hidden="true" />
        {runtime === 'workers' ? (
          <>
            <span>{t('runtime.workers')}</span>
            <span className="badge-count">{t('runtime.workerCount', { count: workers })}</span>
          </>
        ) : (
          <span>{t('runtime.inProcess')}</span>
        )}
      </p>
      <button
        type="button"
        className="ghost"
        lang={language === 'en' ? 'zh-CN' : 'en'}
        aria-label={`${t('lang.switchTo')} · ${t('lang.switchLabel')}`}
        onClick={() => setLanguage(language === 'en' ? 'zh' : 'en')}
        data-testid="language-toggle"
      >
        {t('lang.switchTo')}
      </button>
      <button
        type="button"
        className="ghost icon-button"
        aria-label={t('theme.button', { theme: themeName })}
        title={t('theme.button', { theme: themeName })}
        onClick={() => setTheme(NEXT_THEME[theme])}
        data-testid="theme-toggle"
      >
        <ThemeIcon theme={theme} />
        <span className="theme-name">{themeName}</span>
      </button>
    </header>
  );
}
