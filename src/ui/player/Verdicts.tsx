import type { Frame } from '../../sim/frame.ts';
import type { GuidedScenario } from '../../store/scenarioPlayer.ts';
import { useSim } from '../../store/simStore.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { seconds } from '../time/format.ts';
import { describeExpectation } from './expectationText.ts';

type Results = NonNullable<NonNullable<Frame['scenario']>['results']>;

interface Props {
  readonly guided: GuidedScenario;
}

/** The expectations' verdicts once the scenario's end is reached, or when they will come. */
export function Verdicts({ guided }: Props) {
  const t = useT();
  const language = useLanguage();
  // A string, so the list re-renders when the verdicts arrive, not on every frame.
  const json = useSim((state) => {
    const results = state.frame?.scenario?.results;
    return results ? JSON.stringify(results) : null;
  });
  const expectations = guided.scenario.expect;
  if (expectations.length === 0) return null;
  if (json === null) {
    return (
      <p className="verdicts-pending muted" data-testid="verdicts-pending">
        {t('player.pending', { time: seconds(guided.scenario.durationMs) })}
      </p>
    );
  }
  const results = JSON.parse(json) as Results;
  const passed = results.filter((result) => result.pass).length;
  const all = passed === results.length;
  return (
    <section className="verdicts" aria-labelledby="verdicts-heading" data-testid="scenario-results">
      <h3 id="verdicts-heading">
        {t('player.results')}
        <span className={all ? 'verdict-sum ok' : 'verdict-sum bad'}>
          {t('player.passed', { passed, total: results.length })}
        </span>
      </h3>
      <ul>
        {results.map((result, index) => {
          const expectation = expectations[index];
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: verdicts are in the scenario's expectation order.
              key={index}
              className={result.pass ? 'verdict pass' : 'verdict fail'}
              data-testid="verdict"
              data-pass={result.pass}
            >
              <span className="verdict-mark" aria-hidden="true">
                {result.pass ? '✓' : '✗'}
              </span>
              <span className="visually-hidden">{result.pass ? t('player.pass') : t('player.fail')}: </span>
              <span className="verdict-body">
                <span className="verdict-what">
                  {expectation ? describeExpectation(expectation, language) : result.message}
                </span>
                <span className="verdict-held">
                  {result.heldAtMs === null
                    ? t('player.neverHeld')
                    : t('player.heldAt', { time: seconds(result.heldAtMs) })}
                </span>
                {result.pass ? null : (
                  <span className="verdict-message" lang="en">
                    {result.message}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
