import { type GuidedScenario, usePlayer } from '../../store/scenarioPlayer.ts';
import { useSim } from '../../store/simStore.ts';

/** The guided scenario the simulator is playing now, or null (the free playground). */
export function useGuided(): GuidedScenario | null {
  const guided = usePlayer((state) => state.guided);
  const name = useSim((state) => state.frame?.scenario?.name ?? null);
  return guided !== null && name === guided.scenario.name ? guided : null;
}

/** The cards fired so far, as a stable string so a component re-renders only when one fires. */
export function useFiredKey(): string {
  return useSim((state) =>
    (state.frame?.scenario?.fired ?? []).map((card) => `${card.index}@${card.atMs}`).join(','),
  );
}

export function parseFiredKey(key: string): { index: number; atMs: number }[] {
  if (key === '') return [];
  return key.split(',').map((part) => {
    const [index = '0', atMs = '0'] = part.split('@');
    return { index: Number(index), atMs: Number(atMs) };
  });
}

/** True once the scenario's end has been reached and its verdicts are in. */
export function useEnded(): boolean {
  return useSim((state) => (state.frame?.scenario?.results ?? null) !== null);
}
