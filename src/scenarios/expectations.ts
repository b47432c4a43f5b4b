import { ownerIn } from '../protocol/mapper.ts';
import { groupedServiceName } from '../protocol/model.ts';
import { checkConvergence, checkOwnership, type Truth } from '../sim/checkers.ts';
import type { NodeView } from '../sim/types.ts';
import type { ViewModel } from '../sim/viewModel.ts';
import { nodeAddress, nodeName, withNodeNames } from './names.ts';
import type {
  ConvergedExpectation,
  Expectation,
  InstanceExpectation,
  MemberExpectation,
  SingleOwnerExpectation,
} from './schema.ts';
import { formatSeconds } from './units.ts';

/**
 * Judges expectations on the trace-rebuilt views. The runner calls observe() after every
 * trace record and every step, in time order, and finish() once at the end of the run.
 * The semantics are documented in docs/SCENARIOS.md.
 */
export interface ExpectationResult {
  readonly pass: boolean;
  /** When the condition first held (timed ones) or the start of the final converged stretch. */
  readonly heldAtMs: number | null;
  readonly message: string;
}

export interface ExpectationEvaluator {
  observe(atMs: number, model: ViewModel, truth: Truth): void;
  finish(endMs: number): ExpectationResult;
}

export function createEvaluator(expectation: Expectation): ExpectationEvaluator {
  switch (expectation.type) {
    case 'instance':
      return new FirstHeldEvaluator(
        expectation,
        instanceCondition(expectation),
        describeInstance(expectation),
      );
    case 'member':
      return new FirstHeldEvaluator(expectation, memberCondition(expectation), describeMember(expectation));
    case 'converged':
      return new ConvergedEvaluator(expectation);
    case 'singleOwner':
      return new SingleOwnerEvaluator(expectation);
  }
}

/** A condition on the views now, and what the views show, for a failure message. */
type Condition = (model: ViewModel) => { readonly holds: boolean; readonly shown: string };

interface TimedWindow {
  readonly sinceMs: number;
  readonly fromMs: number;
  readonly byMs: number;
}

/**
 * Watches a condition from sinceMs and records the first time it holds. The views change
 * only at trace records, so the state seen at one observation lasted until the next: if it
 * held at an observation before sinceMs, it held at sinceMs itself.
 */
class FirstHeldEvaluator implements ExpectationEvaluator {
  private lastHolds = false;
  private lastAtMs = -1;
  private lastShown = 'no observation';
  private heldAtMs: number | null = null;

  constructor(
    private readonly window: TimedWindow,
    private readonly condition: Condition,
    private readonly what: string,
  ) {}

  observe(atMs: number, model: ViewModel): void {
    if (this.heldAtMs !== null) return;
    if (this.heldSince(atMs)) {
      this.heldAtMs = this.window.sinceMs;
      return;
    }
    const now = this.condition(model);
    this.lastHolds = now.holds;
    this.lastAtMs = atMs;
    this.lastShown = now.shown;
    if (now.holds && atMs >= this.window.sinceMs) this.heldAtMs = atMs;
  }

  finish(endMs: number): ExpectationResult {
    if (this.heldAtMs === null && this.heldSince(endMs)) this.heldAtMs = this.window.sinceMs;
    const expected = `expected ${this.what} ${windowText(this.window)}`;
    const held = this.heldAtMs;
    if (held === null) {
      return {
        pass: false,
        heldAtMs: null,
        message: `${expected}; never held (at the end: ${this.lastShown})`,
      };
    }
    const verdict = held < this.window.fromMs ? ', too early' : held > this.window.byMs ? ', too late' : '';
    return {
      pass: verdict === '',
      heldAtMs: held,
      message: `${expected}; first held at ${formatSeconds(held)}${verdict}`,
    };
  }

  /** The state from the last observation, still in place at sinceMs ≤ atMs, held. */
  private heldSince(atMs: number): boolean {
    return this.lastHolds && this.lastAtMs < this.window.sinceMs && this.window.sinceMs <= atMs;
  }
}

function windowText(window: TimedWindow): string {
  if (window.fromMs <= 0) return `by ${formatSeconds(window.byMs)}`;
  return `between ${formatSeconds(window.fromMs)} and ${formatSeconds(window.byMs)}`;
}

function describeInstance(expectation: InstanceExpectation): string {
  const on = expectation.on === 'all' ? 'all nodes' : expectation.on.join(', ');
  return `${groupedServiceName(expectation.service, expectation.group)} ${expectation.instance} ${expectation.state} on ${on}`;
}

function describeMember(expectation: MemberExpectation): string {
  return `${expectation.observer} to see ${expectation.subject} ${expectation.state}`;
}

/** An instance's state on one node: healthy, unhealthy or absent, or why the node does not count. */
function instanceStateOn(view: NodeView | undefined, service: string, instance: string): string {
  if (view === undefined) return 'not started';
  if (view.status !== 'running') return view.status;
  const healthy = view.instances[service]?.[instance];
  if (healthy === undefined) return 'absent';
  return healthy ? 'healthy' : 'unhealthy';
}

function matchesInstanceState(state: string, wanted: InstanceExpectation['state']): boolean {
  if (wanted === 'present') return state === 'healthy' || state === 'unhealthy';
  return state === wanted;
}

/** Every running node among `on` shows the state, and at least one of them is running. */
function instanceCondition(expectation: InstanceExpectation): Condition {
  const service = groupedServiceName(expectation.service, expectation.group);
  return (model) => {
    const targets =
      expectation.on === 'all' ? model.views().map((view) => view.address) : expectation.on.map(nodeAddress);
    const states = targets.map((address) => ({
      address,
      state: instanceStateOn(model.view(address), service, expectation.instance),
    }));
    const running = states.filter(
      ({ state }) => state === 'healthy' || state === 'unhealthy' || state === 'absent',
    );
    const holds =
      running.length > 0 && running.every(({ state }) => matchesInstanceState(state, expectation.state));
    const shown = states.map(({ address, state }) => `${nodeName(address)} ${state}`).join(', ');
    return { holds, shown: shown || 'no nodes' };
  };
}

/** The observer is running and its view of the subject is the state. */
function memberCondition(expectation: MemberExpectation): Condition {
  const observer = nodeAddress(expectation.observer);
  const subject = nodeAddress(expectation.subject);
  return (model) => {
    const view = model.view(observer);
    if (view === undefined || view.status !== 'running') {
      return { holds: false, shown: `${expectation.observer} ${view?.status ?? 'not started'}` };
    }
    const state = view.members[subject]?.state;
    const shown = `${expectation.observer} sees ${expectation.subject} ${state ?? 'not a member'}`;
    return { holds: state === expectation.state, shown };
  };
}

/** How many of a checker's problem lines a message quotes. */
const QUOTED_PROBLEMS = 3;

function quoteProblems(problems: readonly string[]): string {
  const shown = problems.slice(0, QUOTED_PROBLEMS).map(withNodeNames);
  const more = problems.length > QUOTED_PROBLEMS ? `; and ${problems.length - QUOTED_PROBLEMS} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Converged at some time no later than afterMs + withinMs and from then on to the end of the
 * run: heldAtMs is the start of that final unbroken converged stretch.
 */
class ConvergedEvaluator implements ExpectationEvaluator {
  private readonly deadlineMs: number;
  private stretchStartMs: number | null = null;
  private problemsAtDeadline: readonly string[] = [];
  private lastProblems: readonly string[] = ['no observation'];

  constructor(private readonly expectation: ConvergedExpectation) {
    this.deadlineMs = expectation.afterMs + expectation.withinMs;
  }

  observe(atMs: number, model: ViewModel, truth: Truth): void {
    const result = checkConvergence(model.views(), truth);
    if (!result.ok) this.stretchStartMs = null;
    else if (this.stretchStartMs === null) this.stretchStartMs = atMs;
    this.lastProblems = result.problems;
    if (atMs <= this.deadlineMs) this.problemsAtDeadline = result.problems;
  }

  finish(endMs: number): ExpectationResult {
    const { afterMs, withinMs } = this.expectation;
    const expected =
      `expected convergence within ${formatSeconds(withinMs)} of ${formatSeconds(afterMs)} ` +
      `(by ${formatSeconds(this.deadlineMs)}), lasting to the end`;
    const start = this.stretchStartMs;
    if (start === null) {
      const message = `${expected}; not converged at the end (${formatSeconds(endMs)}): ${quoteProblems(this.lastProblems)}`;
      return { pass: false, heldAtMs: null, message };
    }
    if (start > this.deadlineMs) {
      const message =
        `${expected}; converged only from ${formatSeconds(start)}; ` +
        `at the deadline: ${quoteProblems(this.problemsAtDeadline)}`;
      return { pass: false, heldAtMs: start, message };
    }
    return { pass: true, heldAtMs: start, message: `${expected}; converged from ${formatSeconds(start)} on` };
  }
}

/** At the end, every service any running node holds has exactly one running owner. */
class SingleOwnerEvaluator implements ExpectationEvaluator {
  private model: ViewModel | null = null;

  constructor(readonly expectation: SingleOwnerExpectation) {}

  observe(_atMs: number, model: ViewModel): void {
    this.model = model;
  }

  finish(endMs: number): ExpectationResult {
    const views = this.model?.views() ?? [];
    const result = checkOwnership(views, ownerIn);
    const expected = `expected one running owner per service at the end (${formatSeconds(endMs)})`;
    if (!result.applicable) {
      return {
        pass: false,
        heldAtMs: null,
        message: `${expected}; membership views still disagree: ${healthyLists(views)}`,
      };
    }
    if (!result.ok)
      return { pass: false, heldAtMs: null, message: `${expected}; ${quoteProblems(result.problems)}` };
    return { pass: true, heldAtMs: endMs, message: `${expected}; every service has one` };
  }
}

function healthyLists(views: readonly NodeView[]): string {
  const running = views.filter((view) => view.status === 'running');
  if (running.length === 0) return 'no node is running';
  return running
    .map((view) => `${nodeName(view.address)} [${view.healthyList.map(nodeName).join(', ')}]`)
    .join(', ');
}
