import { type FormEvent, useState } from 'react';
import { newSeed, reset, runUntil, setSpeed, stepEvent, toggle } from '../../store/simController.ts';
import { SPEEDS, useSim } from '../../store/simStore.ts';
import { useT } from '../i18n/index.ts';
import { seconds } from './format.ts';
import { Timeline } from './Timeline.tsx';

function PlayIcon({ playing }: { readonly playing: boolean }) {
  return playing ? (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
      <rect x="5" y="4" width="3.5" height="12" rx="1" />
      <rect x="11.5" y="4" width="3.5" height="12" rx="1" />
    </svg>
  ) : (
    <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
      <path d="M6 4.2v11.6a.8.8 0 0 0 1.2.7l9.3-5.8a.8.8 0 0 0 0-1.4L7.2 3.5A.8.8 0 0 0 6 4.2Z" />
    </svg>
  );
}

function speedLabel(speed: number): string {
  return `${speed}×`;
}

/** The clock and everything that moves it. */
export function TimeControls() {
  const t = useT();
  const ready = useSim((state) => state.ready);
  const playing = useSim((state) => state.playing);
  const speed = useSim((state) => state.speed);
  const nowMs = useSim((state) => state.frame?.nowMs ?? 0);
  const seed = useSim((state) => state.config.seed);
  const seeking = useSim((state) => state.seeking);
  const converged = useSim((state) => state.frame?.convergence.converged ?? true);
  const problems = useSim((state) => state.frame?.convergence.problems.length ?? 0);
  const [target, setTarget] = useState('60');

  const onRunTo = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(target);
    if (Number.isFinite(value) && value >= 0) void runUntil(Math.round(value * 1000));
  };

  return (
    <section className="time-bar" aria-label={t('time.region')}>
      <div className="time-row">
        <div className="button-group">
          <button
            type="button"
            className="primary play"
            onClick={toggle}
            disabled={!ready}
            aria-pressed={playing}
            aria-keyshortcuts="Space"
            data-testid="play-toggle"
          >
            <PlayIcon playing={playing} />
            <span>{playing ? t('time.pause') : t('time.play')}</span>
          </button>
          <button
            type="button"
            onClick={() => void stepEvent()}
            disabled={!ready}
            aria-label={t('time.stepLabel')}
            title={t('time.stepLabel')}
            aria-keyshortcuts="ArrowRight"
            data-testid="step"
          >
            <svg viewBox="0 0 20 20" aria-hidden="true" className="icon solid">
              <path d="M4 4.8v10.4a.7.7 0 0 0 1.1.6l7.6-5.2a.7.7 0 0 0 0-1.2L5.1 4.2a.7.7 0 0 0-1.1.6Z" />
              <rect x="13.5" y="4" width="2.5" height="12" rx="1" />
            </svg>
            <span>{t('time.step')}</span>
          </button>
        </div>

        <label className="field inline">
          <span>{t('time.speed')}</span>
          <select
            value={speed}
            onChange={(event) => setSpeed(Number(event.target.value))}
            disabled={!ready}
            data-testid="speed"
          >
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {speedLabel(value)}
              </option>
            ))}
          </select>
        </label>

        <output className="clock" aria-label={t('time.clock')} data-testid="clock">
          <span className="clock-t">t =</span> {seconds(nowMs)}
          <span className="clock-unit"> s</span>
        </output>

        <p
          className={converged ? 'convergence ok' : 'convergence bad'}
          data-testid="time-convergence"
          aria-live="polite"
        >
          <span className="status-dot" aria-hidden="true" />
          <span>{converged ? t('time.converged') : t('time.diverged')}</span>
          {converged ? null : <span className="muted">{t('time.problems', { count: problems })}</span>}
        </p>

        <form className="run-to" onSubmit={onRunTo}>
          <label className="field inline">
            <span>{t('time.runTo')}</span>
            <input
              type="number"
              min={0}
              step={0.1}
              inputMode="decimal"
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              aria-label={t('time.runToLabel')}
              disabled={!ready}
              data-testid="run-to-input"
            />
            <span className="unit">s</span>
          </label>
          <button type="submit" disabled={!ready} data-testid="run-to">
            {t('time.go')}
          </button>
        </form>

        <div className="button-group seed-group">
          <button
            type="button"
            onClick={() => void reset()}
            disabled={!ready}
            title={t('time.resetLabel')}
            data-testid="reset"
          >
            {t('time.reset')}
          </button>
          <button
            type="button"
            onClick={() => void newSeed()}
            disabled={!ready}
            title={t('time.newSeedLabel')}
            data-testid="new-seed"
          >
            {t('time.newSeed')}
          </button>
          <span className="seed" data-testid="seed">
            {t('time.seed')} <code>{seed}</code>
          </span>
        </div>
      </div>
      <Timeline />
      <p className="seeking" role="status">
        {seeking ? t('time.replaying') : ''}
      </p>
    </section>
  );
}
