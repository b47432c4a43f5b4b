import type { GuidedScenario } from '../../store/scenarioPlayer.ts';
import { stepEvent, takeOver, toggle } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { describeStep, seconds } from '../time/format.ts';
import { useEnded } from './useGuided.ts';

/** "5 of 5 passed", next to the end notice; it scrolls the verdicts into view. */
function VerdictLink({ verdict }: { readonly verdict: string }) {
  const t = useT();
  const [passed = '0', total = '0'] = verdict.split('/');
  const ok = passed === total;
  return (
    <button
      type="button"
      className={ok ? 'verdict-sum ok' : 'verdict-sum bad'}
      onClick={() =>
        document
          .querySelector('[data-testid="scenario-results"]')
          ?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
      }
      data-testid="scenario-verdict-link"
    >
      {t('player.passed', { passed, total })} ↓
    </button>
  );
}

interface Props {
  readonly guided: GuidedScenario;
}

/** The scenario's title, its progress (steps applied, the next one) and its controls. */
export function PlayerStatus({ guided }: Props) {
  const t = useT();
  const language = useLanguage();
  const ready = useSim((state) => state.ready);
  const playing = useSim((state) => state.playing);
  const nowMs = useSim((state) => state.frame?.nowMs ?? 0);
  const nextStep = useSim((state) => state.frame?.scenario?.nextStep ?? 0);
  const ended = useEnded();
  const verdict = useSim((state) => {
    const results = state.frame?.scenario?.results;
    return results ? `${results.filter((result) => result.pass).length}/${results.length}` : null;
  });
  const { scenario, takenOver } = guided;
  const total = scenario.steps.length;
  const done = takenOver?.stepsApplied ?? Math.min(nextStep, total);
  const next = takenOver === null ? scenario.steps[nextStep] : undefined;
  const endMs = scenario.durationMs;
  const percent = (ms: number) => `${Math.min(100, (ms / endMs) * 100)}%`;

  let line: string;
  if (takenOver !== null) line = t('player.takenOver', { time: seconds(takenOver.atMs) });
  else if (ended) line = t('player.ended', { time: seconds(endMs) });
  else if (next) line = t('player.next', { time: seconds(next.atMs), step: describeStep(next, t) });
  else line = t('player.allSteps', { time: seconds(endMs) });

  return (
    <div className="player-status">
      <div
        className="player-progress"
        role="progressbar"
        aria-label={t('player.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={Math.round(endMs / 100) / 10}
        aria-valuenow={Math.min(Math.round(nowMs / 100) / 10, Math.round(endMs / 100) / 10)}
        aria-valuetext={`${seconds(Math.min(nowMs, endMs))} / ${seconds(endMs)} s`}
        data-testid="scenario-progress"
      >
        <div className="player-progress-fill" style={{ width: percent(nowMs) }} />
        {scenario.steps.map((step, index) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: a scenario's steps never change; the index is their identity.
            key={index}
            className={`player-tick${index < done ? ' done' : takenOver !== null ? ' dropped' : ''}`}
            style={{ left: percent(step.atMs) }}
            title={`${seconds(step.atMs)} s · ${describeStep(step, t)}`}
          />
        ))}
      </div>
      <p className="player-clock">
        <span data-testid="scenario-steps">{t('player.steps', { done, total })}</span>
        <span className="muted">
          {seconds(Math.min(nowMs, endMs))} / {seconds(endMs)} s
        </span>
      </p>
      <p
        className={takenOver !== null ? 'player-line taken-over' : 'player-line'}
        lang={language === 'zh' ? 'zh-CN' : 'en'}
        data-testid="scenario-next"
      >
        {line}
        {verdict !== null ? <VerdictLink verdict={verdict} /> : null}
      </p>
      <fieldset className="button-row compact player-buttons">
        <legend className="visually-hidden">{t('player.controls')}</legend>
        <button
          type="button"
          onClick={toggle}
          disabled={!ready}
          aria-pressed={playing}
          data-testid="scenario-play"
        >
          {playing ? t('time.pause') : t('time.play')}
        </button>
        <button
          type="button"
          onClick={() => void stepEvent()}
          disabled={!ready}
          title={t('time.stepLabel')}
          data-testid="scenario-step"
        >
          {t('time.step')} →
        </button>
        <button
          type="button"
          onClick={() => void takeOver()}
          disabled={!ready || takenOver !== null || nextStep >= total}
          title={t('player.takeOverLabel')}
          data-testid="scenario-take-over"
        >
          {t('player.takeOver')}
        </button>
      </fieldset>
    </div>
  );
}
