import { useEffect } from 'react';
import type { Scenario } from '../scenarios/schema.ts';
import type { Frame } from '../sim/frame.ts';
import type { NodeInspection } from '../sim/inspect.ts';
import type { RecordedStep, SessionConfig } from '../workers/simService.ts';
import { type GuidedScenario, guidedFor, usePlayer } from './scenarioPlayer.ts';
import { connectSim, type SimConnection } from './simConnection.ts';
import {
  appendCapped,
  DEFAULT_CONFIG,
  EVENT_CAPACITY,
  type FrameEvent,
  LOG_CAPACITY,
  MAX_SPEED,
  MAX_UI_NODES,
  MIN_SPEED,
  type RuntimeKind,
  useSim,
} from './simStore.ts';

/**
 * The controller: the one owner of the sim worker connection. It resets the session, runs
 * the play loop (requestAnimationFrame → `advance(wall Δ × speed)`), serialises every call
 * to the worker (the simulator must never run two operations at once), and puts each frame
 * it gets back into the store. Components call the exported actions; they never talk to the
 * worker themselves.
 */

/** A scenario step without its time: `{ do: 'kill', node: 'n1' }`. See docs/SCENARIOS.md. */
export type SimAction = { readonly do: string } & Readonly<Record<string, unknown>>;

export interface ActOutcome {
  readonly ok: boolean;
  /** The validator's messages, one per problem (`port: expected an integer from 1 to 65535, got 70000`). */
  readonly errors: readonly string[];
}

export interface ResetOptions {
  /** Register the two starter instances (orders and users) at t = 0. Default: true. */
  readonly starter?: boolean;
}

export interface StartOptions extends ResetOptions {
  readonly runtime?: RuntimeKind;
  readonly config?: SessionConfig;
  /** Start playing once the first frame is in. Default: true. */
  readonly autoplay?: boolean;
  /** The play loop's speed at start (virtual ms per wall ms). Default: 1. */
  readonly speed?: number;
  /**
   * What the page opens with instead of a fresh run (a permalink, an embed's scenario);
   * null, or a rejection, opens the fresh run of `config`. See src/store/embedBoot.ts.
   */
  readonly initial?: () => Promise<InitialRun | null>;
}

/** A run the page opens with, instead of a fresh one. */
export type InitialRun =
  /** A permalink: the scenario replayed to `atMs` as a plain session (not guided). */
  | { readonly kind: 'replay'; readonly scenario: Scenario; readonly atMs: number }
  /**
   * A scenario played guided from t = 0 (`id`: the built-in's, or null), run on to `atMs`
   * when given (a permalink to a guided run).
   */
  | {
      readonly kind: 'guided';
      readonly scenario: Scenario;
      readonly id: string | null;
      readonly atMs?: number;
    };

/** What a fresh page starts with, so it is alive at once. */
export const STARTER_ACTIONS: readonly SimAction[] = [
  { do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 },
  { do: 'register', client: 'users-1', service: 'users', ip: '10.1.0.2', port: 7070 },
];

/** Wall time longer than this between two animation frames (a background tab) counts as this. */
const MAX_WALL_DELTA_MS = 100;
/** No lock-step window is wider than the shortest request timeout (2 s). */
const MAX_WINDOW_MS = 2000;
const MAX_VIRTUAL_MS = 86_400_000;
const FLAGS_REFRESH_MS = 1000;

type Api = SimConnection['api'];

class ClosedError extends Error {
  constructor() {
    super('The simulator connection is closed.');
  }
}

class Controller {
  disposed = false;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private rafId = 0;
  private lastTickMs: number | null = null;
  private carryMs = 0;
  private seekTarget: number | null = null;
  private seekTask: Promise<Frame> | null = null;
  private flagsAtMs = Number.NEGATIVE_INFINITY;

  constructor(readonly connection: SimConnection) {}

  /** Runs `task` after every earlier call has finished: one operation at a time. */
  run<T>(task: (api: Api) => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.chain.then(() => {
      if (this.disposed) throw new ClosedError();
      return task(this.connection.api);
    });
    this.chain = result.then(
      () => {
        this.pending -= 1;
      },
      (error: unknown) => {
        this.pending -= 1;
        if (!(error instanceof ClosedError) && !this.disposed) {
          useSim.setState({ fatalError: String(error), playing: false });
        }
      },
    );
    return result;
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  startLoop(): void {
    const tick = (timeMs: number) => {
      if (this.disposed) return;
      this.rafId = requestAnimationFrame(tick);
      this.tick(timeMs);
    };
    this.rafId = requestAnimationFrame(tick);
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.rafId);
    this.connection.close();
  }

  private tick(timeMs: number): void {
    const state = useSim.getState();
    if (!state.playing || !state.ready || state.scrubbing || state.frame === null) {
      this.lastTickMs = null;
      return;
    }
    // Never a second call while one is in flight: a slow simulator slows the clock down.
    if (this.pending > 0) return;
    const wallMs =
      this.lastTickMs === null ? 16 : Math.min(MAX_WALL_DELTA_MS, Math.max(0, timeMs - this.lastTickMs));
    this.lastTickMs = timeMs;
    // Virtual time moves in whole milliseconds (steps are recorded at whole ms).
    this.carryMs += wallMs * state.speed;
    const deltaMs = Math.floor(this.carryMs);
    if (deltaMs < 1) return;
    this.carryMs -= deltaMs;
    const target = state.frame.nowMs + deltaMs;
    void this.run((api) => this.driveTo(api, target, false)).catch(() => undefined);
  }

  /**
   * Forward to `target`, re-applying actions undone by time travel at their times. `exact`
   * cuts the last window at the target (runUntil); otherwise whole windows (pacing).
   */
  async driveTo(
    api: Api,
    target: number,
    exact: boolean,
    before: readonly Frame[] = [],
    mode: 'continue' | 'travel' = 'continue',
  ): Promise<Frame> {
    const frames: Frame[] = [...before];
    let applied = false;
    for (;;) {
      const next = useSim.getState().future[0];
      if (next === undefined || next.atMs > target) break;
      frames.push(await api.runUntil(next.atMs));
      const { atMs: _atMs, ...action } = next;
      const result = await api.act(action);
      if (!result.ok) {
        // Cannot happen for a step that was accepted before; give up replaying rather than loop.
        useSim.setState({ future: [] });
        break;
      }
      useSim.setState((state) => ({ future: state.future.slice(1) }));
      frames.push(result.frame);
      applied = true;
    }
    const now = frames.at(-1)?.nowMs ?? useSim.getState().frame?.nowMs ?? 0;
    const upcoming = useSim.getState().future[0];
    // Whole windows could run past an undone action's time: cut exactly when one is near.
    const cut = exact || (upcoming !== undefined && upcoming.atMs <= target + MAX_WINDOW_MS);
    if (target > now || frames.length === 0) {
      frames.push(cut ? await api.runUntil(target) : await api.advance(Math.max(0, target - now)));
    }
    if (applied || mode === 'travel') await this.refreshRecording(api);
    else await this.refreshFlagsNow(api);
    return publish(frames, mode);
  }

  async reset(config: SessionConfig, options: ResetOptions = {}): Promise<Frame> {
    return this.run(async (api) => {
      this.carryMs = 0;
      const frames = [await api.reset(config)];
      if (options.starter ?? true) {
        for (const action of STARTER_ACTIONS) {
          const result = await api.act(action);
          if (result.ok) frames.push(result.frame);
        }
      }
      useSim.setState({ config, future: [], actionErrors: [], actionErrorSource: null, fatalError: null });
      usePlayer.setState({ guided: null });
      await this.refreshRecording(api);
      return publish(frames, 'reset');
    });
  }

  /**
   * Guided mode: the scenario's cluster starts and its steps are applied as virtual time
   * reaches them, at whatever pace the page plays; narration and verdicts come in the frames.
   */
  async startScenario(scenario: Scenario, id: string | null): Promise<Frame> {
    return this.run(async (api) => {
      this.carryMs = 0;
      const frame = await api.startScenario(scenario);
      const { nodes, params, link } = scenario.cluster;
      useSim.setState({
        config: { seed: scenario.seed, nodeCount: nodes, params, link },
        future: [],
        actionErrors: [],
        actionErrorSource: null,
        fatalError: null,
      });
      usePlayer.setState({
        guided: { id, scenario, takenOver: null },
        ...(id === null ? {} : { selectedId: id }),
      });
      await this.refreshRecording(api);
      return publish([frame], 'reset');
    });
  }

  /**
   * A plain session that replays the scenario's steps at their times up to `untilMs` and
   * stops there: a permalink's run. Its steps become the recording, as if made here.
   */
  async replayScenario(scenario: Scenario, untilMs: number): Promise<Frame> {
    return this.run(async (api) => {
      this.carryMs = 0;
      const frame = await api.loadScenario(scenario, untilMs);
      const { nodes, params, link } = scenario.cluster;
      useSim.setState({
        config: { seed: scenario.seed, nodeCount: nodes, params, link },
        future: [],
        actionErrors: [],
        actionErrorSource: null,
        fatalError: null,
      });
      usePlayer.setState({ guided: null });
      await this.refreshRecording(api);
      return publish([frame], 'reset');
    });
  }

  /** The person takes over: the scenario's remaining steps are dropped. */
  async takeOver(): Promise<Frame> {
    return this.run(async (api) => {
      const before = useSim.getState().frame;
      if (before === null) throw new Error('takeOver: no frame yet');
      return publish([await this.takeOverNow(api, before)], 'continue');
    });
  }

  /**
   * Takes over a guided scenario; `before` is the latest frame. Afterwards the recording is
   * the scenario's first `stepsApplied` steps, then only the person's own actions (time
   * travel relies on it), so it takes over again when a replay still has script steps to
   * apply (an action after travelling back before the take-over).
   */
  private async takeOverNow(api: Api, before: Frame): Promise<Frame> {
    const guided = guidedFor(usePlayer.getState().guided, before);
    const script = before.scenario;
    if (guided === null || script === null) return before;
    const pending = script.nextStep < script.stepCount;
    if (guided.takenOver !== null && !pending) return before;
    const frame = pending ? await api.takeOver() : before;
    const takenOver = { atMs: frame.nowMs, stepsApplied: script.nextStep };
    usePlayer.setState({ guided: { ...guided, takenOver } });
    return frame;
  }

  /**
   * Time travel in guided mode: the scenario starts again and runs to `target`. After a
   * take-over it keeps only the steps applied before it, and the person's own actions are
   * re-applied at their times (those after `target` wait in `future`).
   */
  private async replayGuided(api: Api, guided: GuidedScenario, target: number): Promise<Frame> {
    const kept = guided.takenOver?.stepsApplied ?? null;
    const state = useSim.getState();
    const own = kept === null ? [] : [...state.steps.slice(kept), ...state.future];
    const script =
      kept === null ? guided.scenario : { ...guided.scenario, steps: guided.scenario.steps.slice(0, kept) };
    const first = await api.startScenario(script);
    useSim.setState({ future: own });
    return this.driveTo(api, target, true, [first], 'travel');
  }

  async act(action: SimAction, source: string): Promise<ActOutcome> {
    return this.run(async (api) => {
      const result = await api.act(action as Record<string, unknown>);
      if (!result.ok) {
        useSim.setState({ actionErrors: result.errors, actionErrorSource: source });
        return { ok: false, errors: result.errors };
      }
      // A new action starts a new branch of history: the undone future is gone.
      useSim.setState({ actionErrors: [], actionErrorSource: null, future: [] });
      // In guided mode the person's own action takes over: the scenario's later steps are dropped.
      const frame = await this.takeOverNow(api, result.frame);
      await this.refreshRecording(api);
      publish(frame === result.frame ? [frame] : [result.frame, frame], 'continue');
      return { ok: true, errors: [] };
    });
  }

  async stepEvent(): Promise<Frame> {
    return this.run(async (api) => {
      const frame = await api.stepEvent();
      useSim.setState({ future: [] });
      return publish([frame], 'continue');
    });
  }

  /** To `atMs`: forwards runs until, backwards replays from the seed. */
  async goTo(atMs: number): Promise<Frame> {
    const now = useSim.getState().frame?.nowMs ?? 0;
    const target = Math.round(Math.min(MAX_VIRTUAL_MS, Math.max(0, atMs)));
    if (target >= now) return this.run((api) => this.driveTo(api, target, true));
    return this.seek(target);
  }

  /**
   * Time travel. Requests that pile up while one replays are merged: only the latest
   * target is replayed (dragging the timeline issues many).
   */
  seek(atMs: number): Promise<Frame> {
    this.seekTarget = Math.round(Math.min(MAX_VIRTUAL_MS, Math.max(0, atMs)));
    if (this.seekTask === null) {
      this.seekTask = this.run(async (api) => {
        const target = this.seekTarget ?? 0;
        this.seekTarget = null;
        this.seekTask = null;
        const state = useSim.getState();
        const now = state.frame?.nowMs ?? 0;
        if (target >= now) return this.driveTo(api, target, true);
        const guided = guidedFor(usePlayer.getState().guided, state.frame);
        const undone = state.steps.filter((step) => step.atMs > target);
        useSim.setState({ seeking: true });
        try {
          if (guided !== null) return await this.replayGuided(api, guided, target);
          const frame = await api.seek(target);
          useSim.setState((current) => ({ future: [...undone, ...current.future] }));
          await this.refreshRecording(api);
          return publish([frame], 'travel');
        } finally {
          useSim.setState({ seeking: false });
        }
      });
    }
    return this.seekTask;
  }

  /**
   * Node workers report that they run only after their first window, and nodes come and
   * go: the badge's worker count is refreshed about once a second of wall time.
   */
  private async refreshFlagsNow(api: Api): Promise<void> {
    const now = performance.now();
    const frame = useSim.getState().frame;
    const alive =
      frame?.nodes.filter((node) => node.status === 'running' || node.status === 'paused').length ?? 0;
    const known = Object.values(useSim.getState().workerFlags).filter(Boolean).length;
    const settled = useSim.getState().runtime === 'in-process' || known === alive;
    if (settled && now - this.flagsAtMs < FLAGS_REFRESH_MS) return;
    this.flagsAtMs = now;
    const flags = await api.workerFlags();
    const previous = useSim.getState().workerFlags;
    const same =
      Object.keys(flags).length === Object.keys(previous).length &&
      Object.entries(flags).every(([address, inWorker]) => previous[address] === inWorker);
    if (!same) useSim.setState({ workerFlags: flags });
  }

  private async refreshRecording(api: Api): Promise<void> {
    this.flagsAtMs = performance.now();
    const [recording, flags] = await Promise.all([api.recording(), api.workerFlags()]);
    useSim.setState({ steps: recording.steps, workerFlags: flags });
  }
}

/**
 * Puts frames into the store, one `setState` per frame and in order, so a subscriber that
 * collects every frame's new log lines misses none (React batches the renders). Frames
 * carry only the log lines and trace records that are new since the previous frame; the
 * store accumulates them too. `reset` and `travel` restart the histories (a new epoch);
 * `reset` also restarts the timeline's extent.
 */
function publish(frames: readonly Frame[], mode: 'continue' | 'reset' | 'travel'): Frame {
  const last = frames.at(-1);
  if (last === undefined) throw new Error('publish: no frame');
  frames.forEach((frame, index) => {
    const restart = index === 0 && mode !== 'continue';
    useSim.setState((state) => {
      const known = (node: string | null) =>
        node !== null && frame.nodes.some((n) => n.name === node || n.address === node) ? node : null;
      return {
        frame,
        log: appendCapped(restart ? [] : state.log, frame.log, LOG_CAPACITY),
        events: appendCapped<FrameEvent>(restart ? [] : state.events, frame.events, EVENT_CAPACITY),
        epoch: restart ? state.epoch + 1 : state.epoch,
        horizonMs: restart && mode === 'reset' ? frame.nowMs : Math.max(state.horizonMs, frame.nowMs),
        selectedNode: known(state.selectedNode),
        viewpoint: known(state.viewpoint),
      };
    });
  });
  return last;
}

// ---------------------------------------------------------------------------------------
// One controller per page.

let current: Controller | null = null;
let resolveReady: () => void = () => undefined;

/** Resolves when the first session has its first frame. */
export const simReady: Promise<void> = new Promise((resolve) => {
  resolveReady = resolve;
});

/** Options from the page's URL: `?runtime=in-process&seed=7&nodes=5&autoplay=0&starter=0`. */
export function urlStartOptions(search: string = location.search): StartOptions {
  const params = new URLSearchParams(search);
  const seed = Number(params.get('seed'));
  const nodes = Number(params.get('nodes'));
  const config: SessionConfig = {
    seed:
      params.has('seed') && Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff
        ? seed
        : DEFAULT_CONFIG.seed,
    nodeCount:
      Number.isInteger(nodes) && nodes >= 1 && nodes <= MAX_UI_NODES ? nodes : DEFAULT_CONFIG.nodeCount,
  };
  return {
    runtime: params.get('runtime') === 'in-process' ? 'in-process' : 'workers',
    config,
    autoplay: params.get('autoplay') !== '0',
    starter: params.get('starter') !== '0',
  };
}

/**
 * Connects to a new sim worker, resets it and starts the play loop. Returns the cleanup
 * that closes the worker (and its node workers): call it from the effect's cleanup, so
 * React StrictMode's double mount leaks nothing.
 */
export function startSimController(options: StartOptions = {}): () => void {
  const runtime = options.runtime ?? 'workers';
  const connection = connectSim(runtime);
  const controller = new Controller(connection);
  current = controller;
  useSim.setState({ connection, runtime, ready: false, playing: false, fatalError: null });
  const config = options.config ?? useSim.getState().config;
  const fresh = () => controller.reset(config, { starter: options.starter ?? true });
  const first = options.initial
    ? options
        .initial()
        .catch(() => null)
        .then((run) => {
          if (run === null) return fresh();
          if (run.kind === 'replay') return controller.replayScenario(run.scenario, run.atMs);
          const started = controller.startScenario(run.scenario, run.id);
          const atMs = run.atMs;
          return atMs === undefined ? started : started.then(() => controller.goTo(atMs));
        })
    : fresh();
  first
    .then(() => {
      if (controller.disposed) return;
      useSim.setState({ ready: true, playing: options.autoplay ?? true, speed: options.speed ?? 1 });
      resolveReady();
    })
    .catch((error: unknown) => {
      if (!controller.disposed) useSim.setState({ fatalError: String(error) });
    });
  controller.startLoop();
  return () => {
    controller.dispose();
    if (current === controller) {
      current = null;
      useSim.setState({ connection: null, ready: false, playing: false });
    }
  };
}

/** The App's hook: one controller for the page's lifetime. */
export function useSimController(options: StartOptions): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the options are read once, at mount.
  useEffect(() => startSimController(options), []);
}

async function controller(): Promise<Controller> {
  await simReady;
  if (current === null || current.disposed) throw new Error('The simulator is not connected.');
  return current;
}

// ---------------------------------------------------------------------------------------
// Actions.

export function play(): void {
  useSim.setState({ playing: true });
}

export function pause(): void {
  useSim.setState({ playing: false });
}

export function toggle(): void {
  useSim.setState((state) => ({ playing: !state.playing }));
}

/** Virtual ms per wall ms, clamped to 0.1 … 100. */
export function setSpeed(speed: number): void {
  if (!Number.isFinite(speed)) return;
  useSim.setState({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
}

/** The play loop holds still while the user drags the timeline. */
export function setScrubbing(scrubbing: boolean): void {
  useSim.setState({ scrubbing });
}

/** Runs the next lock-step window that has anything in it. */
export async function stepEvent(): Promise<Frame> {
  return (await controller()).stepEvent();
}

/** To virtual time `atMs`: forwards runs as fast as possible, backwards travels in time. */
export async function runUntil(atMs: number): Promise<Frame> {
  return (await controller()).goTo(atMs);
}

/** Exactly `deltaMs` of virtual time forward (the last window is cut at the target). */
export async function advance(deltaMs: number): Promise<Frame> {
  const c = await controller();
  return c.goTo((useSim.getState().frame?.nowMs ?? 0) + Math.max(0, Math.round(deltaMs)));
}

/**
 * Time travel: backwards replays the seed and the recorded actions up to `atMs`; forwards
 * runs until it. Requests that pile up (a dragged timeline) are merged: the latest wins.
 */
export async function seek(atMs: number): Promise<Frame> {
  return (await controller()).seek(atMs);
}

/**
 * Applies a user action now. A bad one changes nothing: its errors go to
 * `actionErrors` (with `source`, so the control that sent it shows them); success clears them.
 */
export async function act(action: SimAction, source = 'ui'): Promise<ActOutcome> {
  return (await controller()).act(action, source);
}

/** A fresh run with the same seed (or the given config), starter instances included by default. */
export async function reset(config?: Partial<SessionConfig>, options: ResetOptions = {}): Promise<Frame> {
  const c = await controller();
  return c.reset({ ...useSim.getState().config, ...config }, options);
}

/**
 * Starts a validated scenario in guided mode at t = 0 (the play loop's state is left as it
 * is). `id` is the built-in's id, or null for a scenario of the person's own.
 */
export async function startScenario(scenario: Scenario, id: string | null = null): Promise<Frame> {
  return (await controller()).startScenario(scenario, id);
}

/**
 * Replays a validated scenario as a plain session up to `untilMs` and stops there (the play
 * loop's state is left as it is): how a permalink opens.
 */
export async function replayScenario(scenario: Scenario, untilMs: number): Promise<Frame> {
  return (await controller()).replayScenario(scenario, untilMs);
}

/** Drops the guided scenario's remaining steps; the normal controls drive the run from now on. */
export async function takeOver(): Promise<Frame> {
  return (await controller()).takeOver();
}

/** A fresh run with a new random seed (the UI may use Math.random; the simulator never does). */
export async function newSeed(): Promise<Frame> {
  const seed = 1 + Math.floor(Math.random() * 999_999_999);
  return reset({ seed });
}

/** A node's full state, by name (`n1`) or address; null when it has no process. */
export async function inspect(node: string): Promise<NodeInspection | null> {
  const c = await controller();
  const address =
    useSim.getState().frame?.nodes.find((n) => n.name === node || n.address === node)?.address ?? node;
  return c.run((api) => api.inspect(address));
}

/** The run so far as a scenario: config, every action with its time, and the clock. */
export async function recording(): Promise<{
  config: SessionConfig;
  steps: readonly RecordedStep[];
  nowMs: number;
}> {
  return (await controller()).run((api) => api.recording());
}

/** FNV-1a over every trace record: equal digests mean identical runs. */
export async function traceDigest(): Promise<string> {
  return (await controller()).run((api) => api.traceDigest());
}

/** Node address → does it run in its own Web Worker. */
export async function workerFlags(): Promise<Record<string, boolean>> {
  return (await controller()).run((api) => api.workerFlags());
}

/** Resolves when every call queued so far has finished (the in-flight advance included). */
export async function settle(): Promise<void> {
  await (await controller()).run(async () => undefined);
}

/** True when no call to the simulator is queued or in flight. */
export function simIdle(): boolean {
  return current?.idle ?? true;
}
