import { type Bilingual, BUILTIN_SCENARIOS } from '../scenarios/builtins.ts';
import type { Frame } from '../sim/frame.ts';
import type { NodeInspection } from '../sim/inspect.ts';
import type { RecordedStep, SessionConfig } from '../workers/simService.ts';
import { currentPermalink, type OpenOutcome, openPermalink } from './embedBoot.ts';
import { resolveScenario, type ScenarioInput } from './scenarioPlayer.ts';
import {
  type ActOutcome,
  act,
  advance,
  inspect,
  pause,
  play,
  type ResetOptions,
  recording,
  reset,
  runUntil,
  type SimAction,
  setSpeed,
  settle,
  simReady,
  startScenario as startGuided,
  takeOver as takeOverGuided,
  traceDigest,
  workerFlags,
} from './simController.ts';
import { useSim } from './simStore.ts';

/** A built-in scenario as `distro.scenarios()` lists it. */
export interface ScenarioSummary {
  /** Pass it to `startScenario` or `loadScenario`: `"owner-killed"`. */
  readonly id: string;
  /** The scenario's full name (English), as in its file. */
  readonly name: string;
  /** The short title the scenario picker shows. */
  readonly title: Bilingual;
  readonly description: { readonly en?: string; readonly zh?: string };
  readonly durationMs: number;
}

/** Where a guided scenario stands; `frame().scenario`. */
export type ScenarioStatus = Frame['scenario'];

export interface StartScenarioOptions {
  /** Start the play loop (wall-clock pacing) once the scenario is loaded. Default: false. */
  readonly play?: boolean;
  /** The play loop's speed, virtual ms per wall ms (0.1 … 100). Default: unchanged. */
  readonly speed?: number;
}

/**
 * `window.distro`: the playground's automation API, for Playwright tests and for people's
 * own scripts in the browser console.
 *
 * Everything runs in **virtual time**: `runUntil` and `advance` return as soon as the
 * simulator has got there, however long that takes in wall time, and the result is the same
 * on every machine for the same seed and actions. Every method that changes the run
 * resolves only after the store holds the new frame and React has rendered it, so a test can
 * assert on the page right after awaiting it.
 *
 * Call `pause()` first when you drive time yourself; otherwise the play loop keeps moving
 * the clock as well (or open the page with `?autoplay=0`).
 *
 * @example
 * ```js
 * await distro.ready;
 * await distro.pause();
 * await distro.reset({ seed: 7, nodeCount: 3 }, { starter: false });
 * await distro.act({ do: 'register', client: 'c1', service: 'orders', ip: '10.1.0.9', port: 8080 });
 * await distro.advance(5000);
 * distro.frame().nodes.map((n) => Object.keys(n.instances));
 * ```
 *
 * @example
 * ```js
 * // A built-in scenario (or your own JSON), guided, straight to its end: the verdicts.
 * await distro.loadScenario('owner-killed');
 * distro.scenarioStatus().results.every((r) => r.pass);
 * ```
 *
 * docs/AUTOMATION.md documents every method, with a complete Playwright test.
 */
export interface DistroAutomation {
  /** Resolves once the simulator is connected and the first frame is in. */
  readonly ready: Promise<void>;
  /**
   * A fresh run. `config` overrides the current one (`seed`, `nodeCount`, `params`,
   * `link`); the two starter instances are registered unless `{ starter: false }`.
   */
  reset(config?: Partial<SessionConfig>, options?: ResetOptions): Promise<Frame>;
  /**
   * Applies a scenario step now (`{ do: 'kill', node: 'n1' }`, `{ do: 'register', … }`; see
   * docs/SCENARIOS.md). A bad action changes nothing and returns the validator's errors.
   */
  act(action: SimAction): Promise<ActOutcome>;
  /** Runs to virtual time `ms` exactly (backwards: time travel by replay from the seed). */
  runUntil(ms: number): Promise<Frame>;
  /** Runs `ms` of virtual time forward, exactly. */
  advance(ms: number): Promise<Frame>;
  /** Stops the play loop (wall-clock pacing); resolves when the call in flight, if any, is done. */
  pause(): Promise<void>;
  /** Starts the play loop at the current speed. */
  play(): Promise<void>;
  /** The latest frame the page shows. */
  frame(): Frame;
  /** A node's full state by name (`n1`) or address; null when it has no running process. */
  inspect(node: string): Promise<NodeInspection | null>;
  /** FNV-1a digest of every trace record so far: equal digests mean identical runs. */
  digest(): Promise<string>;
  /** The run as a scenario: its config, every action with its time, and the clock. */
  recording(): Promise<{ config: SessionConfig; steps: readonly RecordedStep[]; nowMs: number }>;
  /** Node address → does it run in its own Web Worker. */
  workerFlags(): Promise<Record<string, boolean>>;

  /** The built-in scenarios, in the tutorial's order. */
  scenarios(): readonly ScenarioSummary[];
  /**
   * Starts a scenario in guided mode at t = 0: a built-in's id (`"owner-killed"`), scenario
   * JSON text, or a scenario object (docs/SCENARIOS.md). Its steps are applied as virtual time
   * reaches them, however time is moved (`advance`, `runUntil`, `play`); narration cards fire
   * on the trace, and the expectations are judged when the scenario's end is reached (see
   * `scenarioStatus()`). The play loop is paused unless `{ play: true }`. A bad scenario
   * changes nothing and rejects with the parser's errors, one per line.
   */
  startScenario(scenario: ScenarioInput, options?: StartScenarioOptions): Promise<Frame>;
  /**
   * `startScenario`, paused, then straight on to `untilMs` (default: the scenario's end, so
   * `scenarioStatus().results` holds the verdicts).
   */
  loadScenario(scenario: ScenarioInput, untilMs?: number): Promise<Frame>;
  /**
   * Takes over the guided scenario: its remaining steps will not happen; narration keeps
   * following the run. (Any action of your own through `act` takes over too.)
   */
  takeOver(): Promise<Frame>;
  /**
   * The guided scenario's progress, or null outside guided mode: `name`, `durationMs`,
   * `nextStep` of `stepCount`, the narration cards `fired` so far (`{ index, atMs }`), and
   * `results` (`{ pass, heldAtMs, message }` per expectation) once the end is reached.
   */
  scenarioStatus(): ScenarioStatus;

  /**
   * The permalink of the run as it stands: this page's address (without its query) with
   * `#run=1.<data>`, the seed, the cluster and every action so far, compressed (see
   * docs/EMBED.md). Opening it replays exactly this run and pauses at this virtual time.
   */
  permalink(): Promise<string>;
  /**
   * Opens a permalink in this page (a whole URL, a `#run=…` fragment or its value): its run
   * replaces the current one, paused at the link's time. A link that cannot be read changes
   * nothing, shows its message in the page and resolves to `{ ok: false, problem, errors }`
   * (`problem`: `format`, `version`, `base64`, `compression`, `tooLarge`, `json`, `invalid`,
   * or `none` when there is no `#run=` in it; `errors`: the validator's lines for `invalid`).
   */
  openPermalink(url: string): Promise<OpenOutcome>;
}

/** Waits until React has committed what the store holds now (a render, then a paint slot). */
function rendered(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function settled<T>(work: Promise<T>): Promise<T> {
  const value = await work;
  await rendered();
  return value;
}

function currentFrame(): Frame {
  const frame = useSim.getState().frame;
  if (frame === null) throw new Error('No frame yet: await distro.ready first.');
  return frame;
}

export const distroAutomation: DistroAutomation = {
  ready: simReady.then(rendered),
  reset: (config, options) => settled(reset(config, options)),
  act: (action) => settled(act(action, 'automation')),
  runUntil: (ms) => settled(runUntil(ms)),
  advance: (ms) => settled(advance(ms)),
  pause: async () => {
    pause();
    await settle();
    await rendered();
  },
  play: () => {
    play();
    return rendered();
  },
  frame: currentFrame,
  inspect: (node) => inspect(node),
  digest: () => traceDigest(),
  recording: () => recording(),
  workerFlags: () => workerFlags(),
  scenarios: () =>
    BUILTIN_SCENARIOS.map(({ id, title, scenario }) => ({
      id,
      name: scenario.name,
      title,
      description: scenario.description ?? {},
      durationMs: scenario.durationMs,
    })),
  startScenario: async (input, options = {}) => {
    const { id, scenario } = resolveScenario(input);
    pause();
    const frame = await startGuided(scenario, id);
    if (options.speed !== undefined) setSpeed(options.speed);
    if (options.play === true) play();
    await rendered();
    return frame;
  },
  loadScenario: async (input, untilMs) => {
    const { id, scenario } = resolveScenario(input);
    pause();
    await startGuided(scenario, id);
    return settled(runUntil(untilMs ?? scenario.durationMs));
  },
  takeOver: () => settled(takeOverGuided()),
  scenarioStatus: () => currentFrame().scenario,
  permalink: () => currentPermalink(),
  openPermalink: (url) => settled(openPermalink(url)),
};

/** Puts the API on `window.distro` (once per page). */
export function installAutomation(): void {
  if (typeof window !== 'undefined') window.distro = distroAutomation;
}
