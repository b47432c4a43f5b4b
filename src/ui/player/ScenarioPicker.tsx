import { BUILTIN_SCENARIOS, builtinScenario } from '../../scenarios/builtins.ts';
import { PLAYER_SPEED, selectScenario, usePlayer } from '../../store/scenarioPlayer.ts';
import { play, setSpeed, startScenario } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { seconds } from '../time/format.ts';
import { useGuided } from './useGuided.ts';

/** Starts a built-in in guided mode and plays it at the player's speed. */
export async function startBuiltin(id: string): Promise<void> {
  const entry = builtinScenario(id);
  if (!entry) return;
  await startScenario(entry.scenario, entry.id);
  setSpeed(PLAYER_SPEED);
  play();
}

/** The built-in scenarios: choose one, read what it shows, start it. */
export function ScenarioPicker() {
  const t = useT();
  const language = useLanguage();
  const ready = useSim((state) => state.ready);
  const selectedId = usePlayer((state) => state.selectedId);
  const guided = useGuided();
  const entry = builtinScenario(selectedId);
  const running = guided !== null && guided.id === selectedId;
  const scenario = entry?.scenario;

  const meta = scenario
    ? t('player.meta', {
        nodes: scenario.cluster.nodes,
        duration: seconds(scenario.durationMs).replace(/\.0$/, ''),
        steps:
          scenario.steps.length === 1
            ? t('player.step1')
            : t('player.stepN', { count: scenario.steps.length }),
      })
    : '';

  return (
    <div className="player-picker">
      <label className="field">
        <span>{t('player.pick')}</span>
        <select
          value={selectedId}
          onChange={(event) => selectScenario(event.target.value)}
          aria-label={t('player.pickLabel')}
          data-testid="scenario-select"
        >
          {BUILTIN_SCENARIOS.map((builtin, index) => (
            <option key={builtin.id} value={builtin.id}>
              {`${index + 1}. ${builtin.title[language]}`}
            </option>
          ))}
        </select>
      </label>
      <div className="picker-row">
        <button
          type="button"
          className={running ? undefined : 'primary'}
          onClick={() => void startBuiltin(selectedId)}
          disabled={!ready || entry === undefined}
          title={t('player.startLabel', { speed: PLAYER_SPEED })}
          data-testid="scenario-start"
        >
          {running ? t('player.restart') : t('player.start')}
        </button>
        <p className="picker-meta muted">{meta}</p>
      </div>
      {scenario ? (
        <details className="picker-about" open={guided === null} key={guided === null ? 'idle' : 'active'}>
          <summary>{t('player.about')}</summary>
          <p className="picker-description" data-testid="scenario-description">
            {scenario.description?.[language] ?? scenario.description?.en ?? scenario.name}
          </p>
        </details>
      ) : null}
      {guided === null ? <p className="player-intro muted">{t('player.intro')}</p> : null}
    </div>
  );
}
