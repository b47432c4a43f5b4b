import { type MouseEvent, useState } from 'react';
import { currentPermalink } from '../../store/embedBoot.ts';
import { setSpeed, stepEvent, toggle } from '../../store/simController.ts';
import { SPEEDS, useSim } from '../../store/simStore.ts';
import { useT } from '../i18n/index.ts';
import { seconds } from '../time/format.ts';

function fullPlaygroundUrl(): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = '';
  return url.toString();
}

/**
 * The embed's controls: play/pause, step, speed, the clock, convergence, and a link that
 * opens the run in the full playground (its permalink, made when the link is used).
 */
export function EmbedBar() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const playing = useSim((state) => state.playing);
  const speed = useSim((state) => state.speed);
  const nowMs = useSim((state) => state.frame?.nowMs ?? 0);
  const converged = useSim((state) => state.frame?.convergence.converged ?? true);
  const [href, setHref] = useState(fullPlaygroundUrl);

  // The link is the permalink of the run as it is when the person reaches for it.
  const refresh = () => {
    void currentPermalink().then(setHref, () => undefined);
  };
  const onOpen = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // Opened at once (a popup must come from the click itself), pointed at the link when it is made.
    const tab = window.open('about:blank', '_blank');
    void currentPermalink().then(
      (link) => {
        setHref(link);
        if (tab) {
          tab.opener = null;
          tab.location.href = link;
        } else window.open(link, '_blank', 'noopener');
      },
      () => tab?.close(),
    );
  };

  return (
    <div className="embed-bar" role="toolbar" aria-label={t('time.region')}>
      <button
        type="button"
        className="primary embed-play"
        onClick={toggle}
        disabled={!ready}
        aria-pressed={playing}
        data-testid="play-toggle"
      >
        {playing ? (
          <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
            <rect x="5" y="4" width="3.5" height="12" rx="1" />
            <rect x="11.5" y="4" width="3.5" height="12" rx="1" />
          </svg>
        ) : (
          <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
            <path d="M6 4.2v11.6a.8.8 0 0 0 1.2.7l9.3-5.8a.8.8 0 0 0 0-1.4L7.2 3.5A.8.8 0 0 0 6 4.2Z" />
          </svg>
        )}
        <span>{playing ? t('time.pause') : t('time.play')}</span>
      </button>
      <button
        type="button"
        onClick={() => void stepEvent()}
        disabled={!ready}
        aria-label={t('time.stepLabel')}
        title={t('time.stepLabel')}
        data-testid="step"
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
          <path d="M4 4.8v10.4a.7.7 0 0 0 1.1.6l7.6-5.2a.7.7 0 0 0 0-1.2L5.1 4.2a.7.7 0 0 0-1.1.6Z" />
          <rect x="13.5" y="4" width="2.5" height="12" rx="1" />
        </svg>
      </button>
      <label className="embed-speed">
        <span className="visually-hidden">{t('time.speed')}</span>
        <select
          value={speed}
          onChange={(event) => setSpeed(Number(event.target.value))}
          disabled={!ready}
          title={t('time.speed')}
          data-testid="speed"
        >
          {SPEEDS.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </label>
      <output className="embed-clock" aria-label={t('time.clock')} data-testid="clock">
        {seconds(nowMs)}
        <span className="clock-unit"> s</span>
      </output>
      <p className={converged ? 'convergence ok' : 'convergence bad'} data-testid="time-convergence">
        <span className="status-dot" aria-hidden="true" />
        <span>{converged ? t('time.converged') : t('time.diverged')}</span>
      </p>
      <a
        className="embed-open"
        href={href}
        target="_blank"
        rel="noopener"
        onPointerEnter={refresh}
        onFocus={refresh}
        onClick={onOpen}
        title={t('embed.openLabel')}
        data-testid="open-full"
      >
        {t('embed.open')}
        <svg viewBox="0 0 20 20" aria-hidden="true" className="icon">
          <path d="M11 4h5v5M16 4l-7 7M14 12v4H4V6h4" />
        </svg>
      </a>
    </div>
  );
}
