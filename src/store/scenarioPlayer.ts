import { create } from 'zustand';
import { BUILTIN_SCENARIOS, builtinScenario } from '../scenarios/builtins.ts';
import { parseScenario, parseScenarioValue } from '../scenarios/parse.ts';
import type { Scenario } from '../scenarios/schema.ts';
import type { Frame } from '../sim/frame.ts';

/**
 * The scenario player's state: which built-in the picker shows, and the guided scenario the
 * simulator is playing (if any). The controller (simController.ts) changes `guided` as it
 * starts scenarios, takes over and resets; the player UI reads it together with
 * `frame.scenario`, which says how far the run has got (cards fired, next step, verdicts).
 */

/** The person took over the run: the scenario's later steps will not happen. */
export interface TakeOver {
  /** Virtual time of the take-over. */
  readonly atMs: number;
  /** How many of the scenario's steps had been applied by then (the rest are dropped). */
  readonly stepsApplied: number;
}

export interface GuidedScenario {
  /** The built-in's id, or null for a scenario given as JSON. */
  readonly id: string | null;
  readonly scenario: Scenario;
  readonly takenOver: TakeOver | null;
}

export interface PlayerState {
  /** The built-in the picker shows. */
  readonly selectedId: string;
  /** The guided scenario running now; null in the free playground. */
  readonly guided: GuidedScenario | null;
}

/** The speed the player starts a scenario at: fast enough to keep going, slow enough to follow. */
export const PLAYER_SPEED = 2;

export const usePlayer = create<PlayerState>(() => ({
  selectedId: BUILTIN_SCENARIOS[0]?.id ?? '',
  guided: null,
}));

export function selectScenario(id: string): void {
  if (builtinScenario(id)) usePlayer.setState({ selectedId: id });
}

/**
 * The guided scenario that the frame belongs to, or null. A frame without `scenario` means
 * the simulator left guided mode (a reset, a plain session), whatever the store remembers.
 */
export function guidedFor(guided: GuidedScenario | null, frame: Frame | null): GuidedScenario | null {
  if (guided === null || frame === null || frame.scenario === null) return null;
  return frame.scenario.name === guided.scenario.name ? guided : null;
}

/** What the automation API and embedders accept: a built-in's id, scenario JSON text, or its object. */
export type ScenarioInput = string | Readonly<Record<string, unknown>>;

/** A scenario that failed to load, with the parser's lines (`scenario: steps[3].port: …`). */
export class ScenarioError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.join('\n'));
    this.name = 'ScenarioError';
  }
}

/**
 * A built-in id, JSON text or a parsed object → a validated scenario and its built-in id
 * (null for one given as JSON). Throws ScenarioError with one readable line per problem.
 */
export function resolveScenario(
  input: ScenarioInput,
  sourceName = 'scenario',
): {
  id: string | null;
  scenario: Scenario;
} {
  if (typeof input === 'string') {
    const text = input.trim();
    const builtin = builtinScenario(text);
    if (builtin) return { id: builtin.id, scenario: builtin.scenario };
    if (!text.startsWith('{')) {
      const ids = BUILTIN_SCENARIOS.map((entry) => entry.id).join(', ');
      throw new ScenarioError([`${sourceName}: no built-in scenario "${text}"; the built-ins are: ${ids}`]);
    }
    const parsed = parseScenario(text, sourceName);
    if (!parsed.ok) throw new ScenarioError(parsed.errors);
    return { id: null, scenario: parsed.scenario };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError([
      `${sourceName}: expected a built-in id, scenario JSON text or a scenario object`,
    ]);
  }
  const parsed = parseScenarioValue(input, sourceName);
  if (!parsed.ok) throw new ScenarioError(parsed.errors);
  return { id: null, scenario: parsed.scenario };
}
