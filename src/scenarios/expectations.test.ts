import { describe, expect, it } from 'vitest';
import type { Truth } from '../sim/checkers.ts';
import type { TraceRecord } from '../sim/types.ts';
import { ViewModel } from '../sim/viewModel.ts';
import { createEvaluator, type ExpectationResult } from './expectations.ts';
import type { Expectation, InstanceExpectation, MemberExpectation } from './schema.ts';

const N1 = '10.0.0.1:8848';
const N2 = '10.0.0.2:8848';
const N3 = '10.0.0.3:8848';
const ALL = [N1, N2, N3];
const SVC = 'DEFAULT_GROUP@@orders';
const HOST = '10.1.0.1:8080';

const boot: TraceRecord[] = ALL.map((observer) => ({
  type: 'node',
  observer,
  status: 'started',
  members: ALL,
  atMs: 0,
}));

function change(
  atMs: number,
  observer: string,
  kind: 'added' | 'unhealthy' | 'healthy' | 'removed',
): TraceRecord {
  return { type: 'instance', observer, service: SVC, instance: HOST, change: kind, atMs };
}

/** The instance added everywhere at 1 s, then the given changes. */
function registered(...changes: TraceRecord[]): TraceRecord[] {
  return [...boot, ...ALL.map((observer, i) => change(1000 + i, observer, 'added')), ...changes];
}

function unhealthyEverywhere(atMs: number): TraceRecord[] {
  return ALL.map((observer, i) => change(atMs + i * 100, observer, 'unhealthy'));
}

/** Feeds the records as the runner does: observe after each, then finish at the end. */
function judge(expectation: Expectation, records: readonly TraceRecord[], endMs = 60_000, truth: Truth = {}) {
  const model = new ViewModel();
  const evaluator = createEvaluator(expectation);
  evaluator.observe(0, model, truth);
  for (const record of records) {
    model.apply(record);
    evaluator.observe(record.atMs, model, truth);
  }
  return evaluator.finish(endMs);
}

const unhealthyBetween35And40: InstanceExpectation = {
  type: 'instance',
  service: 'orders',
  group: 'DEFAULT_GROUP',
  instance: HOST,
  state: 'unhealthy',
  on: 'all',
  sinceMs: 20_000,
  fromMs: 35_000,
  byMs: 40_000,
};

const EXPECTED_TEXT =
  'expected DEFAULT_GROUP@@orders 10.1.0.1:8080 unhealthy on all nodes between 35.0 s and 40.0 s';

describe('instance expectations', () => {
  it('pass when the state first holds inside the window', () => {
    const result = judge(unhealthyBetween35And40, registered(...unhealthyEverywhere(36_000)));
    expect(result).toEqual<ExpectationResult>({
      pass: true,
      heldAtMs: 36_200,
      message: `${EXPECTED_TEXT}; first held at 36.2 s`,
    });
  });

  it('fail when it holds too early', () => {
    const result = judge(unhealthyBetween35And40, registered(...unhealthyEverywhere(21_000)));
    expect(result).toEqual({
      pass: false,
      heldAtMs: 21_200,
      message: `${EXPECTED_TEXT}; first held at 21.2 s, too early`,
    });
  });

  it('fail when it holds too late', () => {
    const result = judge(unhealthyBetween35And40, registered(...unhealthyEverywhere(45_000)));
    expect(result).toEqual({
      pass: false,
      heldAtMs: 45_200,
      message: `${EXPECTED_TEXT}; first held at 45.2 s, too late`,
    });
  });

  it('fail when it never holds, saying what the nodes show', () => {
    const result = judge(unhealthyBetween35And40, registered(change(36_000, N1, 'unhealthy')));
    expect(result).toEqual({
      pass: false,
      heldAtMs: null,
      message: `${EXPECTED_TEXT}; never held (at the end: n1 unhealthy, n2 healthy, n3 healthy)`,
    });
  });

  it('a state already in place at sinceMs holds at sinceMs', () => {
    const early = { ...unhealthyBetween35And40, sinceMs: 20_000, fromMs: 20_000 };
    const result = judge(early, registered(...unhealthyEverywhere(10_000), change(50_000, N1, 'healthy')));
    expect(result.heldAtMs).toBe(20_000);
    expect(result.pass).toBe(true);
    expect(result.message).toContain('between 20.0 s and 40.0 s; first held at 20.0 s');
  });

  it('also when the run ends before anything else happens', () => {
    const late = { ...unhealthyBetween35And40, sinceMs: 38_000, fromMs: 38_000 };
    expect(judge(late, registered(...unhealthyEverywhere(10_000))).heldAtMs).toBe(38_000);
  });

  it('a state that ended before sinceMs does not count', () => {
    const records = registered(...unhealthyEverywhere(10_000), change(15_000, N1, 'healthy'));
    expect(judge(unhealthyBetween35And40, records).heldAtMs).toBeNull();
  });

  it('nodes that are not running are left out, but one must be running', () => {
    const killed: TraceRecord = { type: 'node', observer: N3, status: 'killed', atMs: 30_000 };
    const result = judge(
      unhealthyBetween35And40,
      registered(killed, change(36_000, N1, 'unhealthy'), change(37_000, N2, 'unhealthy')),
    );
    expect(result).toMatchObject({ pass: true, heldAtMs: 37_000 });

    const nobody: InstanceExpectation = {
      ...unhealthyBetween35And40,
      state: 'absent',
      on: ['n3'],
      sinceMs: 30_000,
      fromMs: 30_000,
    };
    expect(judge(nobody, registered(killed)).message).toContain('never held (at the end: n3 killed)');
  });

  it('present and absent on a list of nodes', () => {
    const gone: InstanceExpectation = {
      ...unhealthyBetween35And40,
      state: 'absent',
      on: ['n2'],
      sinceMs: 2000,
      fromMs: 0,
      byMs: 40_000,
    };
    const result = judge(gone, registered(change(5000, N1, 'removed'), change(6000, N2, 'removed')));
    expect(result).toMatchObject({ pass: true, heldAtMs: 6000 });
    expect(result.message).toBe(
      'expected DEFAULT_GROUP@@orders 10.1.0.1:8080 absent on n2 by 40.0 s; first held at 6.0 s',
    );

    const present: InstanceExpectation = { ...gone, state: 'present', on: 'all' };
    expect(judge(present, registered(...unhealthyEverywhere(2000)))).toMatchObject({
      pass: true,
      heldAtMs: 2000,
    });
  });
});

describe('member expectations', () => {
  const n1SeesN2Down: MemberExpectation = {
    type: 'member',
    observer: 'n1',
    subject: 'n2',
    state: 'DOWN',
    sinceMs: 24_000,
    fromMs: 24_000,
    byMs: 28_000,
  };
  const down = (atMs: number, observer = N1): TraceRecord => ({
    type: 'member',
    observer,
    subject: N2,
    from: 'UP',
    to: 'DOWN',
    atMs,
  });

  it('pass when the observer sees the state in time', () => {
    expect(judge(n1SeesN2Down, [...boot, down(26_000, N3), down(26_500)])).toEqual({
      pass: true,
      heldAtMs: 26_500,
      message: 'expected n1 to see n2 DOWN between 24.0 s and 28.0 s; first held at 26.5 s',
    });
  });

  it('fail too late, and never when only others see it', () => {
    expect(judge(n1SeesN2Down, [...boot, down(29_000)])).toMatchObject({ pass: false, heldAtMs: 29_000 });
    expect(judge(n1SeesN2Down, [...boot, down(26_000, N3)]).message).toContain(
      'never held (at the end: n1 sees n2 UP)',
    );
  });

  it('a stopped observer has no view', () => {
    const paused: TraceRecord = { type: 'node', observer: N1, status: 'paused', atMs: 22_000 };
    expect(judge(n1SeesN2Down, [...boot, down(20_000), paused]).message).toContain(
      'never held (at the end: n1 paused)',
    );
  });
});

describe('converged expectations', () => {
  const truth: Truth = { [SVC]: { [HOST]: true } };
  const converged: Expectation = { type: 'converged', withinMs: 5000, afterMs: 0 };

  it('pass from the start of the final converged stretch', () => {
    expect(judge(converged, registered(), 60_000, truth)).toEqual({
      pass: true,
      heldAtMs: 1002,
      message:
        'expected convergence within 5.0 s of 0.0 s (by 5.0 s), lasting to the end; converged from 1.0 s on',
    });
  });

  it('fail when the last stretch starts after the deadline, quoting the problems at the deadline', () => {
    const result = judge({ ...converged, withinMs: 1001 }, registered(), 60_000, truth);
    expect(result).toEqual({
      pass: false,
      heldAtMs: 1002,
      message:
        'expected convergence within 1.0 s of 0.0 s (by 1.0 s), lasting to the end; converged only from 1.0 s; ' +
        'at the deadline: n3 lacks DEFAULT_GROUP@@orders 10.1.0.1:8080',
    });
  });

  it('fail when it breaks again before the end', () => {
    const result = judge(converged, registered(change(50_000, N2, 'removed')), 60_000, truth);
    expect(result.pass).toBe(false);
    expect(result.heldAtMs).toBeNull();
    expect(result.message).toContain(
      'not converged at the end (60.0 s): n2 lacks DEFAULT_GROUP@@orders 10.1.0.1:8080',
    );
  });
});

describe('singleOwner expectations', () => {
  const singleOwner: Expectation = { type: 'singleOwner', atEnd: true };

  it('pass when the views agree and every service has one running owner', () => {
    expect(judge(singleOwner, registered())).toMatchObject({ pass: true, heldAtMs: 60_000 });
  });

  it('fail when membership views still disagree', () => {
    const split: TraceRecord = {
      type: 'member',
      observer: N1,
      subject: N2,
      from: 'UP',
      to: 'DOWN',
      atMs: 9000,
    };
    const result = judge(singleOwner, registered(split));
    expect(result.pass).toBe(false);
    expect(result.message).toBe(
      'expected one running owner per service at the end (60.0 s); membership views still disagree: ' +
        'n1 [n1, n3], n2 [n1, n2, n3], n3 [n1, n2, n3]',
    );
  });
});
