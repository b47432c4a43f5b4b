import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  C,
  datum,
  instance,
  instanceChanges,
  instanceParams,
  NodeHarness,
  notes,
  SVC,
  sends,
} from './harness.test-utils.ts';

describe('snapshot load at startup (reference §8 DistroLoadDataTask)', () => {
  it('asks the sorted peers in order with SNAPSHOT_QUERY and a 30 s timeout, moving on after a failure', () => {
    const h = new NodeHarness({ self: C, members: [C, B, A] });
    const first = h.timedSends('SNAPSHOT_QUERY');
    expect(first.map((q) => [q.atMs, q.envelope.to, q.envelope.timeoutMs])).toEqual([[0, A, 30_000]]);
    const next = h.fail(30_000, first[0]!.envelope, 'timeout');
    expect(sends(next, 'SNAPSHOT_QUERY').map((q) => [q.to, q.timeoutMs])).toEqual([[B, 30_000]]);
    expect(h.state.initialized).toBe(false);
  });

  it('a refused peer is skipped at once', () => {
    const h = new NodeHarness({ self: A });
    const next = h.fail(20, h.timedSends('SNAPSHOT_QUERY')[0]!.envelope, 'refused');
    expect(sends(next, 'SNAPSHOT_QUERY').map((q) => q.to)).toEqual([C]);
  });

  it('an error answer moves on to the next peer too', () => {
    const h = new NodeHarness({ self: A });
    const next = h.answerHttp(20, h.timedSends('SNAPSHOT_QUERY')[0]!.envelope, 500, 'error');
    expect(sends(next, 'SNAPSHOT_QUERY').map((q) => q.to)).toEqual([C]);
  });

  it('the first success applies every Datum and sets initialized; no one else is asked', () => {
    const h = new NodeHarness({ self: C });
    const q1 = h.timedSends('SNAPSHOT_QUERY')[0]!.envelope;
    const q2 = sends(h.fail(100, q1, 'refused'), 'SNAPSHOT_QUERY')[0]!;
    expect(q2.to).toBe(B);
    const effects = h.answer(150, q2, {
      type: 'DATUMS',
      datums: [
        datum(SVC.demo, [
          instance(SVC.demo, '10.1.0.5'),
          instance(SVC.demo, '10.1.0.6', 8080, { healthy: false }),
        ]),
        datum(SVC.orders, [instance(SVC.orders, '10.1.0.9')]),
      ],
    });
    expect(h.state.initialized).toBe(true);
    expect(notes(effects, 'loadSucceeded')).toHaveLength(1);
    expect(instanceChanges(effects)).toEqual([
      `${SVC.demo} 10.1.0.5:8080 added`,
      `${SVC.demo} 10.1.0.6:8080 added`,
      `${SVC.demo} 10.1.0.6:8080 unhealthy`,
      `${SVC.orders} 10.1.0.9:8080 added`,
    ]);
    expect(sends(effects, 'SNAPSHOT_QUERY')).toEqual([]);
    h.advanceTo(120_000);
    expect(h.timedSends('SNAPSHOT_QUERY')).toHaveLength(2);
  });

  it('an empty snapshot still initializes the node', () => {
    const h = new NodeHarness({ self: A });
    h.answer(40, h.timedSends('SNAPSHOT_QUERY')[0]!.envelope, { type: 'DATUMS', datums: [] });
    expect(h.state.initialized).toBe(true);
  });

  it('all failed → loadFailed note and a new round 30 s later, from the first peer again', () => {
    const h = new NodeHarness({ self: A });
    const q1 = h.timedSends('SNAPSHOT_QUERY')[0]!.envelope;
    const q2 = sends(h.fail(30_000, q1, 'timeout'), 'SNAPSHOT_QUERY')[0]!;
    const last = h.fail(60_000, q2, 'timeout');
    expect(notes(last, 'loadFailed')).toHaveLength(1);
    expect(sends(last, 'SNAPSHOT_QUERY')).toEqual([]);
    h.advanceTo(89_999);
    expect(h.timedSends('SNAPSHOT_QUERY')).toHaveLength(2);
    h.advanceTo(90_000);
    const round2 = h.timedSends('SNAPSHOT_QUERY');
    expect(round2.map((q) => [q.atMs, q.envelope.to])).toEqual([
      [0, B],
      [30_000, C],
      [90_000, B],
    ]);
    expect(h.state.initialized).toBe(false);
  });

  it('a single-node cluster is initialized at once and asks nobody', () => {
    const h = new NodeHarness({ self: A, members: [A] });
    expect(h.state.initialized).toBe(true);
    expect(h.timedSends('SNAPSHOT_QUERY')).toEqual([]);
    h.advanceTo(100_000);
    expect(notes(h.effectsBetween(0), 'loadFailed')).toEqual([]);
  });

  it('verify is not gated on the load (1.4.8): an uninitialized owner still sends digests', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(5000);
    expect(h.state.initialized).toBe(false);
    expect(h.timedSends('CHECKSUM').map((d) => d.envelope.to)).toEqual([A, C]);
  });
});
