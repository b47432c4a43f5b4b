import type { DistroConfig } from '../protocol/config.ts';
import { describeEnvelope } from '../protocol/describe.ts';
import type { MessageKind } from '../protocol/messages.ts';
import type { ExpectationResult } from '../scenarios/expectations.ts';
import { createEvaluator } from '../scenarios/expectations.ts';
import { NarrationTracker } from '../scenarios/narration.ts';
import { parseScenarioValue } from '../scenarios/parse.ts';
import { applyStep, RunObserver } from '../scenarios/run.ts';
import type { Scenario, Step } from '../scenarios/schema.ts';
import { ConvergenceTracker, checkConvergence, isConverged, type Truth } from '../sim/checkers.ts';
import { type Frame, type FrameMessage, frameNodes, type LogEntry, type SentCount } from '../sim/frame.ts';
import type { NodeInspection } from '../sim/inspect.ts';
import type { NodeRuntime } from '../sim/runtime.ts';
import type { LinkParams, MessageRecord, TraceRecord } from '../sim/types.ts';
import { ViewModel } from '../sim/viewModel.ts';
import { World } from '../sim/world.ts';

/** What a session starts from. */
export interface SessionConfig {
  readonly seed: number;
  readonly nodeCount: number;
  readonly params?: Partial<DistroConfig>;
  readonly link?: Partial<LinkParams>;
}

/** A user action with the virtual time it was applied at: a scenario step. */
export type RecordedStep = Step;

export type ActResult =
  | { readonly ok: true; readonly frame: Frame }
  | { readonly ok: false; readonly errors: string[] };

/** How long a finished message stays in the frame, so its arrival or death can be drawn. */
const MESSAGE_AFTERGLOW_MS = 400;
const LOG_LINES_PER_FRAME = 400;
const EVENTS_PER_FRAME = 400;
/** Past this many messages kept for animation, the ones long over are dropped before the frame. */
const IN_FLIGHT_PRUNE_AT = 4096;
/** The convergence stopwatch's resolution in virtual time. */
const JUDGE_EVERY_MS = 100;
/** Steps that count as faults for the convergence stopwatch. */
const FAULTS = new Set([
  'kill',
  'restart',
  'pause',
  'resume',
  'partition',
  'cut',
  'heal',
  'link',
  'addNode',
  'stopClient',
  'resumeClient',
  'deregister',
  'cutClient',
  'register',
]);

/**
 * One playground session: a World, the user's recorded actions, and the frames the UI
 * draws. It runs wherever it is constructed (the sim worker, or the page for tests); the
 * runtime decides where the nodes run. Every action is validated as a scenario step, so
 * the UI, permalinks and scenario files share one set of rules and messages, and the
 * recording *is* a scenario that replays the same run.
 */
export class SimService {
  private world!: World;
  private config!: SessionConfig;
  private steps: RecordedStep[] = [];
  private frameSeq = 0;
  private inFlight = new Map<string, FrameMessage>();
  /**
   * The messages since the last frame, newest last. Only the last LOG_LINES_PER_FRAME reach
   * the frame, so their text and payload are written then, not for every message of a
   * fast run; the list is trimmed in bulk, not one line at a time.
   */
  private log: { readonly seq: number; readonly record: MessageRecord }[] = [];
  private logSeq = 0;
  /** Messages ended since the last frame: virtual second → kind → count (see Frame.sent). */
  private sentCounts = new Map<number, Map<MessageKind, number>>();
  private events: TraceRecord[] = [];
  private tracker = new ConvergenceTracker();
  /** The guided scenario being played, if any. */
  private script: {
    scenario: Scenario;
    next: number;
    observer: RunObserver;
    results: ExpectationResult[] | null;
  } | null = null;
  /** The nodes' start records, kept so a scenario observer created after boot sees them. */
  private bootRecords: TraceRecord[] = [];
  /** Views rebuilt from the trace, so convergence is judged as of each change, not each frame. */
  private traced = new ViewModel();
  private truth: Truth = {};
  /** A step changed what the truth may be; it is recomputed when next needed. */
  private truthStale = false;
  /** The time of the last trace record applied to `traced`, and when to judge again. */
  private lastChangeMs = 0;
  private nextJudgeMs = 0;
  private lastConvergeMs: number | null = null;
  private errors = new Map<string, string>();
  private traceHash = 0x811c9dc5;

  constructor(
    private readonly makeRuntime: () => NodeRuntime,
    private readonly runtimeName: 'workers' | 'in-process',
  ) {}

  /** A fresh run from a seed and a cluster (the old run's processes end). */
  async reset(config: SessionConfig): Promise<Frame> {
    this.world?.dispose();
    this.config = config;
    this.steps = [];
    this.inFlight.clear();
    this.log = [];
    this.sentCounts = new Map();
    this.events = [];
    this.tracker = new ConvergenceTracker();
    this.script = null;
    this.bootRecords = [];
    this.traced = new ViewModel();
    this.truth = {};
    this.truthStale = false;
    this.lastChangeMs = 0;
    this.nextJudgeMs = 0;
    this.lastConvergeMs = null;
    this.errors.clear();
    this.traceHash = 0x811c9dc5;
    const options = {
      seed: config.seed,
      nodeCount: config.nodeCount,
      ...(config.params ? { config: config.params } : {}),
      ...(config.link ? { link: config.link } : {}),
    };
    this.world = new World(options, this.makeRuntime());
    this.world.onTrace((record) => this.onTrace(record));
    this.world.onMessage((record) => this.onMessage(record));
    await this.world.runUntilAsync(0);
    return this.frame();
  }

  /**
   * Starts the scenario's cluster and seed and applies its steps at their times, up to
   * `untilMs` (default: its end). The steps become this session's recording. The scenario
   * must be validated already (parseScenario).
   */
  async loadScenario(scenario: Scenario, untilMs: number = scenario.durationMs): Promise<Frame> {
    const { nodes, params, link } = scenario.cluster;
    await this.reset({ seed: scenario.seed, nodeCount: nodes, params, link });
    for (const step of scenario.steps) {
      if (step.atMs > untilMs) break;
      await this.replay(step);
    }
    await this.world.runUntilAsync(untilMs);
    return this.frame();
  }

  /** Where the guided scenario stands: fired cards, next step, verdicts once it has ended. */
  private scriptStatus(): Frame['scenario'] {
    const script = this.script;
    if (!script) return null;
    // Timed cards fire when virtual time reaches them, even when no trace record comes.
    script.observer.narration.advanceTo(this.world.nowMs);
    return {
      name: script.scenario.name,
      durationMs: script.scenario.durationMs,
      nextStep: script.next,
      stepCount: script.scenario.steps.length,
      fired: [...script.observer.narration.fired()],
      results: script.results,
    };
  }

  private async replay(step: RecordedStep): Promise<void> {
    await this.world.runUntilAsync(step.atMs);
    // Judged as the trace is (at most once per JUDGE_EVERY_MS), not at every step: a
    // scenario that registers thousands of clients would otherwise compare every node's
    // data with the truth thousands of times.
    if (step.atMs >= this.nextJudgeMs) this.judge();
    applyStep(this.world, step);
    this.steps.push(step);
    const fault = FAULTS.has(step.do);
    if (fault) this.tracker.markFault(step.atMs);
    this.truthStale = true;
    this.lastChangeMs = step.atMs;
    if (fault || step.atMs >= this.nextJudgeMs) this.judge();
  }

  /**
   * Feeds the stopwatch: is the cluster converged as of the last change? Judged at most once
   * per JUDGE_EVERY_MS of virtual time (a large run changes thousands of times a second), so
   * the stopwatch is exact to that resolution however far a single call advances.
   */
  private judge(): void {
    if (this.truthStale) {
      this.truth = this.world.truth();
      this.truthStale = false;
    }
    this.tracker.observe(this.lastChangeMs, isConverged(this.traced.views(), this.truth));
    this.nextJudgeMs = this.lastChangeMs + JUDGE_EVERY_MS;
  }

  /**
   * The guided mode: the scenario's cluster starts, and its steps are applied as virtual
   * time reaches them, at whatever pace the page plays. Narration cards fire on the trace;
   * the expectations are judged when the scenario's end is reached.
   */
  async startScenario(scenario: Scenario): Promise<Frame> {
    const { nodes, params, link } = scenario.cluster;
    await this.reset({ seed: scenario.seed, nodeCount: nodes, params, link });
    const observer = new RunObserver(
      scenario.expect.map(createEvaluator),
      this.world.truth(),
      new NarrationTracker(scenario.narration),
    );
    for (const record of this.bootRecords) observer.record(record);
    this.script = { scenario, next: 0, observer, results: null };
    await this.runScript(0);
    return this.frame();
  }

  /** The person takes over: the remaining steps are dropped; narration keeps following the trace. */
  takeOver(): Frame {
    if (this.script) this.script.next = this.script.scenario.steps.length;
    return this.frame();
  }

  /** Applies the script's steps due by `targetMs`, each exactly at its time. */
  private async runScript(targetMs: number): Promise<void> {
    const script = this.script;
    if (!script) return;
    const steps = script.scenario.steps;
    while (script.next < steps.length && steps[script.next]!.atMs <= targetMs) {
      const index = script.next;
      script.next += 1;
      await this.replay(steps[index]!);
      script.observer.stepDone(index, steps[index]!.atMs, this.world.truth());
    }
    const endMs = script.scenario.durationMs;
    if (script.results === null && targetMs >= endMs) {
      await this.world.runUntilAsync(endMs);
      script.results = script.observer.finish(endMs);
    }
  }

  /** Counters for benchmarks: events processed and the virtual clock. */
  stats(): { events: number; nowMs: number } {
    return { events: this.world.eventCount, nowMs: this.world.nowMs };
  }

  /** Moves virtual time forward by about `deltaMs`, in whole windows (pacing). */
  async advance(deltaMs: number): Promise<Frame> {
    const targetMs = this.world.nowMs + Math.max(0, deltaMs);
    await this.runScript(targetMs);
    await this.world.advanceAsync(targetMs);
    return this.frame();
  }

  /** Runs the next window that has anything in it. */
  async stepEvent(): Promise<Frame> {
    // A guided scenario's step due before the next event is the next thing to happen.
    const nextStep = this.script?.scenario.steps[this.script.next];
    if (nextStep && nextStep.atMs <= this.world.nextEventAtMs()) {
      await this.runScript(nextStep.atMs);
      return this.frame();
    }
    await this.world.stepWindowAsync();
    return this.frame();
  }

  /** As fast as possible to `atMs` (exact: the last window is cut there). */
  async runUntil(atMs: number): Promise<Frame> {
    await this.runScript(atMs);
    if (atMs > this.world.nowMs) await this.world.runUntilAsync(atMs);
    return this.frame();
  }

  /** Applies a user action now, after checking it as a scenario step; nothing changes if it is bad. */
  async act(action: Record<string, unknown>): Promise<ActResult> {
    const step = { ...action, atMs: this.world.nowMs } as Record<string, unknown>;
    const checked = this.validate([...this.steps, step]);
    if (!checked.ok) return checked;
    await this.replay(checked.scenario.steps[checked.scenario.steps.length - 1]!);
    return { ok: true, frame: this.frame() };
  }

  async inspect(address: string): Promise<NodeInspection | null> {
    return this.world.inspect(address);
  }

  /** Time travel: the same seed and the same actions up to `atMs`, replayed from the start. */
  async seek(atMs: number): Promise<Frame> {
    const steps = this.steps.filter((step) => step.atMs <= atMs);
    await this.reset(this.config);
    for (const step of steps) await this.replay(step);
    await this.world.runUntilAsync(atMs);
    return this.frame();
  }

  /** The run so far as a scenario: seed, cluster and every action, replayable anywhere. */
  recording(): { config: SessionConfig; steps: readonly RecordedStep[]; nowMs: number } {
    return { config: this.config, steps: [...this.steps], nowMs: this.world.nowMs };
  }

  /** FNV-1a over every trace record so far: equal hashes mean identical runs. */
  traceDigest(): string {
    return (this.traceHash >>> 0).toString(16).padStart(8, '0');
  }

  private validate(
    steps: readonly Record<string, unknown>[],
  ): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
    const candidate = {
      name: 'session',
      seed: this.config.seed,
      cluster: {
        nodes: this.config.nodeCount,
        params: this.config.params ?? {},
        link: this.config.link ?? {},
      },
      durationMs: Math.max(1, this.world.nowMs),
      steps,
    };
    const parsed = parseScenarioValue(candidate, 'action');
    if (parsed.ok) return parsed;
    // Only the new step can be wrong: the others were accepted before.
    const index = steps.length - 1;
    const errors = parsed.errors
      .filter((line) => line.includes(`steps[${index}]`))
      .map((line) =>
        line.replace(`action: steps[${index}].`, '').replace(`action: steps[${index}]`, 'action'),
      );
    return { ok: false, errors: errors.length > 0 ? errors : parsed.errors };
  }

  private onTrace(record: TraceRecord): void {
    if (this.script) this.script.observer.record(record);
    else if (this.world.nowMs === 0 && record.type === 'node') this.bootRecords.push(record);
    if (record.atMs >= this.nextJudgeMs && record.atMs > this.lastChangeMs) this.judge();
    this.traced.apply(record);
    this.lastChangeMs = record.atMs;
    this.traceHash = fnv(this.traceHash, JSON.stringify(record));
    if (record.type === 'node' && record.status === 'crashed' && record.detail)
      this.errors.set(record.observer, record.detail);
    this.events.push(record);
    if (this.events.length >= 2 * EVENTS_PER_FRAME)
      this.events.splice(0, this.events.length - EVENTS_PER_FRAME);
  }

  private onMessage(record: MessageRecord): void {
    const envelope = record.envelope;
    const message: FrameMessage = {
      id: envelope.id,
      kind: record.kind,
      from: envelope.from,
      to: envelope.to,
      sentAtMs: record.sentAtMs,
      endAtMs: record.endAtMs,
      fate: record.fate,
    };
    this.inFlight.set(`${envelope.id}@${record.endAtMs}`, message);
    if (this.inFlight.size > IN_FLIGHT_PRUNE_AT) this.pruneInFlight();
    this.countSent(record);
    this.logSeq += 1;
    this.log.push({ seq: this.logSeq, record });
    if (this.log.length >= 2 * LOG_LINES_PER_FRAME) this.log.splice(0, this.log.length - LOG_LINES_PER_FRAME);
  }

  private countSent(record: MessageRecord): void {
    const second = Math.floor(record.sentAtMs / 1000);
    let kinds = this.sentCounts.get(second);
    if (kinds === undefined) {
      kinds = new Map();
      this.sentCounts.set(second, kinds);
    }
    kinds.set(record.kind, (kinds.get(record.kind) ?? 0) + 1);
  }

  private sentSinceLastFrame(): SentCount[] {
    const sent: SentCount[] = [];
    for (const [second, kinds] of this.sentCounts)
      for (const [kind, count] of kinds) sent.push({ second, kind, count });
    return sent;
  }

  /** The frame's log lines: the last LOG_LINES_PER_FRAME messages, written out. */
  private logLines(): LogEntry[] {
    return this.log.slice(-LOG_LINES_PER_FRAME).map(({ seq, record }) => {
      const envelope = record.envelope;
      return {
        seq,
        kind: record.kind,
        type: envelope.body.type,
        from: envelope.from,
        to: envelope.to,
        sentAtMs: record.sentAtMs,
        endAtMs: record.endAtMs,
        fate: record.fate,
        text: describeEnvelope(envelope),
        payload: JSON.stringify(envelope.body),
      };
    });
  }

  /**
   * Drops messages whose afterglow is over. A run that goes fast between two frames would
   * otherwise keep every message of it; records come in roughly in order of their end, so
   * the oldest are at the front.
   */
  private pruneInFlight(): void {
    const nowMs = this.world.nowMs;
    for (const [key, message] of this.inFlight) {
      if (message.endAtMs + MESSAGE_AFTERGLOW_MS >= nowMs) break;
      this.inFlight.delete(key);
    }
  }

  private frame(): Frame {
    const nowMs = this.world.nowMs;
    for (const [key, message] of this.inFlight)
      if (message.endAtMs + MESSAGE_AFTERGLOW_MS < nowMs) this.inFlight.delete(key);
    const views = this.world.views();
    const truth = this.world.truth();
    const check = checkConvergence(views, truth);
    this.judge();
    const sinceMs = this.tracker.convergedSinceMs;
    const lastFault = this.tracker.lastFaultAtMs;
    if (check.ok && sinceMs !== null && lastFault !== null) this.lastConvergeMs = sinceMs - lastFault;
    const network = this.world.networkState();
    const frame: Frame = {
      seq: ++this.frameSeq,
      nowMs,
      seed: this.config.seed,
      runtime: this.runtimeName,
      nodes: frameNodes(views, this.errors),
      clients: this.world.clientsInfo(),
      truth,
      network: { partition: network.partition, cuts: network.cuts, link: network.defaults },
      messages: [...this.inFlight.values()],
      log: this.logLines(),
      sent: this.sentSinceLastFrame(),
      events: this.events.slice(-EVENTS_PER_FRAME) as Frame['events'],
      convergence: {
        converged: check.ok,
        problems: check.problems,
        lastFaultAtMs: lastFault,
        convergedSinceMs: check.ok ? sinceMs : null,
        lastConvergeMs: this.lastConvergeMs,
      },
      busy: true,
      scenario: this.scriptStatus(),
    };
    this.log = [];
    this.sentCounts = new Map();
    this.events = [];
    return frame;
  }
}

function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
