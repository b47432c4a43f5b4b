import type { NodeView } from './types.ts';

/** What every running node should hold: group@@service → ip:port → healthy. */
export type Truth = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

type InstanceMap = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

export interface CheckResult {
  ok: boolean;
  problems: string[];
}

export interface OwnershipResult extends CheckResult {
  /** False when running nodes disagree on the healthy list: ownership is then undefined. */
  applicable: boolean;
}

/** Problems beyond this many are only counted, so a badly split cluster stays cheap to check. */
const MAX_PROBLEMS = 20;

/** Collects problem lines up to the cap and counts the rest without building them. */
class ProblemList {
  readonly lines: string[] = [];
  private overflow = 0;

  get empty(): boolean {
    return this.lines.length === 0;
  }

  /** True when the next problem should be written out; past the cap it is only counted. */
  accept(): boolean {
    if (this.lines.length < MAX_PROBLEMS) return true;
    this.overflow++;
    return false;
  }

  add(line: string): void {
    if (this.accept()) this.lines.push(line);
  }

  finish(): string[] {
    if (this.overflow > 0) this.lines.push(`… and ${this.overflow} more`);
    return this.lines;
  }
}

/**
 * `checkConvergence(views, truth).ok` without writing the problems out: it stops at the
 * first difference, so judging a diverged cluster (thousands of times in a large run)
 * costs a lookup or two, not a pass over every node's data.
 */
export function isConverged(views: readonly NodeView[], truth: Truth): boolean {
  for (const view of views) {
    if (view.status === 'running' && !holdsExactly(view.instances, truth)) return false;
  }
  return true;
}

function holdsExactly(held: InstanceMap, truth: Truth): boolean {
  for (const service in truth) {
    const expected = truth[service] as Readonly<Record<string, boolean>>;
    const actual = held[service];
    for (const instance in expected) if (actual?.[instance] !== expected[instance]) return false;
  }
  for (const service in held) {
    const actual = held[service] as Readonly<Record<string, boolean>>;
    const expected = truth[service];
    for (const instance in actual) if (expected?.[instance] === undefined) return false;
  }
  return true;
}

/** Every running node holds exactly the truth; a service with no instances counts as absent. */
export function checkConvergence(views: readonly NodeView[], truth: Truth): CheckResult {
  const problems = new ProblemList();
  for (const view of views) {
    if (view.status !== 'running') continue;
    compareMissingAndHealth(view.address, view.instances, truth, problems);
    compareExtra(view.address, view.instances, truth, problems);
  }
  return { ok: problems.empty, problems: problems.finish() };
}

function compareMissingAndHealth(
  address: string,
  held: InstanceMap,
  truth: Truth,
  problems: ProblemList,
): void {
  for (const service in truth) {
    const expected = truth[service] as Readonly<Record<string, boolean>>;
    const actual = held[service];
    for (const instance in expected) {
      const healthy = actual?.[instance];
      if (healthy === undefined) {
        if (problems.accept()) problems.lines.push(`${address} lacks ${service} ${instance}`);
      } else if (healthy !== expected[instance]) {
        if (problems.accept()) {
          problems.lines.push(`${address} sees ${service} ${instance} ${healthy ? 'healthy' : 'unhealthy'}`);
        }
      }
    }
  }
}

function compareExtra(address: string, held: InstanceMap, truth: Truth, problems: ProblemList): void {
  for (const service in held) {
    const actual = held[service] as Readonly<Record<string, boolean>>;
    const expected = truth[service];
    for (const instance in actual) {
      if (expected?.[instance] === undefined && problems.accept()) {
        problems.lines.push(`${address} has extra ${service} ${instance}`);
      }
    }
  }
}

/**
 * When every running node agrees on the healthy list, each service any running node holds
 * must have exactly one running owner; otherwise writes to it go nowhere or fork.
 */
export function checkOwnership(
  views: readonly NodeView[],
  ownerOf: (tag: string, healthyList: readonly string[]) => string | undefined,
): OwnershipResult {
  const running = views.filter((view) => view.status === 'running');
  const first = running[0];
  if (first === undefined || !running.every((view) => sameList(view.healthyList, first.healthyList))) {
    return { applicable: false, ok: true, problems: [] };
  }
  const problems = new ProblemList();
  for (const service of servicesHeld(running)) {
    const owner = ownerOf(service, first.healthyList);
    const owners = running.filter((view) => view.address === owner).length;
    if (owner === undefined) problems.add(`${service} has no owner in the healthy list`);
    else if (owners === 0) problems.add(`${service} has no running owner (${owner} is not running)`);
    else if (owners > 1) problems.add(`${service} has ${owners} owners at ${owner}`);
  }
  return { applicable: true, ok: problems.empty, problems: problems.finish() };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Services with at least one instance on at least one of these nodes, in first-seen order. */
function servicesHeld(views: readonly NodeView[]): Set<string> {
  const services = new Set<string>();
  for (const view of views) {
    for (const service in view.instances) {
      if (hasAny(view.instances[service])) services.add(service);
    }
  }
  return services;
}

function hasAny(instances: Readonly<Record<string, boolean>> | undefined): boolean {
  for (const _ in instances) return true;
  return false;
}

/**
 * Measures how long the cluster takes to converge after the latest fault: convergence
 * counts only once it holds in every observation from some time on.
 */
export class ConvergenceTracker {
  private faultAtMs: number | null = null;
  private sinceMs: number | null = null;

  /** The time of the latest fault, or null before the first. */
  get lastFaultAtMs(): number | null {
    return this.faultAtMs;
  }

  /** The first observation of the current unbroken converged run since the last fault. */
  get convergedSinceMs(): number | null {
    return this.sinceMs;
  }

  observe(atMs: number, converged: boolean): void {
    if (!converged) this.sinceMs = null;
    else if (this.sinceMs === null) this.sinceMs = atMs;
  }

  markFault(atMs: number): void {
    this.faultAtMs = atMs;
    this.sinceMs = null;
  }

  /** Null before any fault and while not (yet) converged again. */
  timeToConvergeMs(): number | null {
    if (this.faultAtMs === null || this.sinceMs === null) return null;
    return this.sinceMs - this.faultAtMs;
  }
}
