import { lazy, Suspense, useEffect, useState } from 'react';
import { builtinScenario } from '../../scenarios/builtins.ts';
import { pause } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import { useLanguage, useT } from '../i18n/index.ts';
import { NarrationFeed } from './NarrationFeed.tsx';
import { PlayerStatus } from './PlayerStatus.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { useEnded, useGuided } from './useGuided.ts';
import { Verdicts } from './Verdicts.tsx';
import './player.css';

// Loaded on the first "learn more": the first paint does not wait for what only a click shows.
const DocDialog = lazy(() => import('./DocDialog.tsx').then((module) => ({ default: module.DocDialog })));

/**
 * The guided tutorial: pick a built-in scenario, start it, and follow its narration cards
 * as the run reaches the events they describe; pause, step or take over at any point; read
 * the expectations' verdicts at the end.
 */
export function ScenarioPlayer() {
  const t = useT();
  const language = useLanguage();
  const guided = useGuided();
  const ended = useEnded();
  const [docAnchor, setDocAnchor] = useState<string | null>(null);

  // The end of the scenario: stop the clock once, so the verdicts can be read.
  const active = guided !== null;
  useEffect(() => {
    if (active && ended && useSim.getState().playing) pause();
  }, [active, ended]);

  const title =
    guided === null
      ? null
      : guided.id !== null
        ? (builtinScenario(guided.id)?.title[language] ?? guided.scenario.name)
        : `${t('player.custom')}: ${guided.scenario.name}`;

  return (
    <div className="scenario-player" data-testid="scenario-player">
      <ScenarioPicker />
      {guided !== null ? (
        <>
          <h3 className="player-title" data-testid="scenario-title">
            {title}
          </h3>
          <PlayerStatus guided={guided} />
          <NarrationFeed guided={guided} onLearnMore={setDocAnchor} />
          <Verdicts guided={guided} />
        </>
      ) : null}
      {docAnchor !== null ? (
        <Suspense fallback={null}>
          <DocDialog anchor={docAnchor} onClose={() => setDocAnchor(null)} />
        </Suspense>
      ) : null}
    </div>
  );
}
