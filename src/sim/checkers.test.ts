import { describe, expect, it } from 'vitest';
import { ConvergenceTracker, checkConvergence, checkOwnership, isConverged, type Truth } from './checkers.ts';
import type { NodeStatus, NodeView } from './types.ts';

const N1 = '10.0.0.1:8848';
const N2 = '10.0.0.2:8848';
const N3 = '10.0.0.3:8848';
const ORDERS = 'DEFAULT_GROUP@@orders';
const USERS = 'DEFAULT_GROUP@@users';

function view(
  address: string,
  instances: NodeView['instances'],
  status: NodeStatus = 'running',
  healthyList: readonly string[] = [N1, N2, N3],
): NodeView {
  return { address, status, members: {}, healthyList, instances, initialized: true };
}

const TRUTH: Truth = {
  [ORDERS]: { '10.1.0.5:8080': true, '10.1.0.6:8080': false },
  [USERS]: { '10.1.0.7:8080': true },
};

describe('checkConvergence', () => {
  it('accepts running nodes that hold exactly the truth', () => {
    const views = [view(N1, TRUTH), view(N2, { ...TRUTH, 'DEFAULT_GROUP@@empty': {} })];
    expect(checkConvergence(views, { ...TRUTH, 'DEFAULT_GROUP@@gone': {} })).toEqual({
      ok: true,
      problems: [],
    });
  });

  it('ignores paused and killed nodes', () => {
    const views = [view(N1, TRUTH), view(N2, {}, 'paused'), view(N3, {}, 'killed')];
    expect(checkConvergence(views, TRUTH).ok).toBe(true);
  });

  it('reports missing, extra and wrongly healthy instances', () => {
    const held = {
      [ORDERS]: { '10.1.0.5:8080': false, '10.1.0.6:8080': true, '10.1.0.9:8080': true },
      'G@@extra': { '1.1.1.1:1': true },
    };
    const result = checkConvergence([view(N2, held)], TRUTH);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      `${N2} sees ${ORDERS} 10.1.0.5:8080 unhealthy`,
      `${N2} sees ${ORDERS} 10.1.0.6:8080 healthy`,
      `${N2} lacks ${USERS} 10.1.0.7:8080`,
      `${N2} has extra ${ORDERS} 10.1.0.9:8080`,
      `${N2} has extra G@@extra 1.1.1.1:1`,
    ]);
  });

  it('caps the problems at 20 plus a count of the rest', () => {
    const many: Record<string, boolean> = {};
    for (let i = 0; i < 30; i++) many[`10.2.0.${i}:80`] = true;
    const result = checkConvergence([view(N1, {}), view(N2, {})], { [ORDERS]: many });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(21);
    expect(result.problems[19]).toBe(`${N1} lacks ${ORDERS} 10.2.0.19:80`);
    expect(result.problems[20]).toBe('… and 40 more');
  });
});

describe('isConverged', () => {
  it('says what checkConvergence says, case by case', () => {
    const cases: [NodeView[], Truth][] = [
      [[view(N1, TRUTH), view(N2, { ...TRUTH, 'DEFAULT_GROUP@@empty': {} })], { ...TRUTH, 'G@@gone': {} }],
      [[view(N1, TRUTH), view(N2, {}, 'paused'), view(N3, {}, 'killed')], TRUTH],
      [[view(N1, TRUTH), view(N2, { [ORDERS]: TRUTH[ORDERS]! })], TRUTH],
      [[view(N1, { ...TRUTH, [USERS]: { '10.1.0.7:8080': false } })], TRUTH],
      [[view(N1, { ...TRUTH, [USERS]: { '10.1.0.7:8080': true, '10.1.0.8:8080': true } })], TRUTH],
      [[view(N1, { ...TRUTH, 'G@@extra': { '1.1.1.1:1': true } })], TRUTH],
      [[view(N1, {})], {}],
    ];
    const verdicts = cases.map(([views, truth]) => isConverged(views, truth));
    expect(verdicts).toEqual(cases.map(([views, truth]) => checkConvergence(views, truth).ok));
    expect(verdicts).toEqual([true, true, false, false, false, false, true]);
  });
});

describe('checkOwnership', () => {
  // A stand-in for the Distro mapper: the owner is the list entry at the name length.
  const ownerOf = (tag: string, list: readonly string[]): string => list[tag.length % list.length] as string;

  it('is not applicable when running nodes disagree on the healthy list', () => {
    const views = [view(N1, TRUTH), view(N2, TRUTH, 'running', [N1, N2])];
    expect(checkOwnership(views, ownerOf)).toEqual({ applicable: false, ok: true, problems: [] });
    expect(checkOwnership([], ownerOf).applicable).toBe(false);
  });

  it('ignores the lists of nodes that are not running', () => {
    const views = [view(N1, TRUTH), view(N2, TRUTH), view(N3, TRUTH), view('x:1', {}, 'killed', [])];
    expect(checkOwnership(views, ownerOf)).toEqual({ applicable: true, ok: true, problems: [] });
  });

  it('passes when every held service has one running owner', () => {
    const views = [view(N1, TRUTH), view(N2, TRUTH), view(N3, TRUTH)];
    expect(checkOwnership(views, ownerOf)).toEqual({ applicable: true, ok: true, problems: [] });
  });

  it('reports a service whose owner is not running', () => {
    const owner = ownerOf(ORDERS, [N1, N2, N3]);
    const views = [N1, N2, N3].map((address) =>
      view(
        address,
        { [ORDERS]: { '1.1.1.1:1': true }, 'G@@none': {} },
        address === owner ? 'paused' : 'running',
      ),
    );
    const result = checkOwnership(views, ownerOf);
    expect(result).toEqual({
      applicable: true,
      ok: false,
      problems: [`${ORDERS} has no running owner (${owner} is not running)`],
    });
  });

  it('reports a service with several owners', () => {
    const views = [view(N1, TRUTH), view(N1, {}), view(N2, {}), view(N3, {})];
    const result = checkOwnership(views, () => N1);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`${ORDERS} has 2 owners at ${N1}`, `${USERS} has 2 owners at ${N1}`]);
  });

  it('accepts a mapper that finds no owner (an empty list)', () => {
    const views = [view(N1, TRUTH, 'running', [])];
    expect(checkOwnership(views, () => undefined).problems).toEqual([
      `${ORDERS} has no owner in the healthy list`,
      `${USERS} has no owner in the healthy list`,
    ]);
  });
});

describe('ConvergenceTracker', () => {
  it('has nothing to report before a fault', () => {
    const tracker = new ConvergenceTracker();
    tracker.observe(10, true);
    expect(tracker.lastFaultAtMs).toBeNull();
    expect(tracker.convergedSinceMs).toBe(10);
    expect(tracker.timeToConvergeMs()).toBeNull();
  });

  it('measures from the fault to the start of the unbroken converged run', () => {
    const tracker = new ConvergenceTracker();
    tracker.observe(0, true);
    tracker.markFault(100);
    expect(tracker.convergedSinceMs).toBeNull();
    tracker.observe(150, false);
    tracker.observe(200, true);
    tracker.observe(250, false);
    expect(tracker.timeToConvergeMs()).toBeNull();
    tracker.observe(300, true);
    tracker.observe(400, true);
    expect(tracker.lastFaultAtMs).toBe(100);
    expect(tracker.convergedSinceMs).toBe(300);
    expect(tracker.timeToConvergeMs()).toBe(200);
  });

  it('starts over at a new fault', () => {
    const tracker = new ConvergenceTracker();
    tracker.markFault(0);
    tracker.observe(50, true);
    tracker.markFault(1_000);
    expect(tracker.timeToConvergeMs()).toBeNull();
    tracker.observe(1_000, true);
    expect(tracker.timeToConvergeMs()).toBe(0);
  });
});
