import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  C,
  CLIENT,
  datum,
  instance,
  instanceChanges,
  instanceParams,
  instanceRef,
  keyOf,
  NodeHarness,
  SVC,
  sends,
} from './harness.test-utils.ts';

/** B owns demo (one instance, registered at 100) and holds a replica of orders (owner A). */
function owner(): NodeHarness {
  const h = new NodeHarness({ self: B });
  h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
  // An owned service that became empty: not reported.
  h.register(100, instanceParams(SVC.orderService, '10.1.0.6'));
  h.request(150, CLIENT, {
    type: 'DEREGISTER',
    ref: instanceRef(SVC.orderService, '10.1.0.6'),
    viaPeer: false,
  });
  h.request(200, A, { type: 'SYNC_DATUM', datums: [datum(SVC.orders, [instance(SVC.orders, '10.1.0.9')])] });
  return h;
}

/** A replica of demo as A holds it after B's push (lastBeat 100, healthy). */
function replica(): NodeHarness {
  const h = new NodeHarness({ self: A });
  h.request(2100, B, {
    type: 'SYNC_DATUM',
    datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.5', 8080, { lastBeatMs: 100 })])],
  });
  return h;
}

describe('health-status channel, sender (reference §6.4.3 ServiceReporter, §1)', () => {
  it('first report at 60 s, then every 5 s, to every peer, only owned non-empty services', () => {
    const h = owner();
    h.advanceTo(59_999);
    expect(h.timedSends('SERVICE_STATUS')).toEqual([]);
    h.advanceTo(70_000);
    const reports = h.timedSends('SERVICE_STATUS');
    expect(reports.map((r) => [r.atMs, r.envelope.to])).toEqual([
      [60_000, A],
      [60_000, C],
      [65_000, A],
      [65_000, C],
      [70_000, A],
      [70_000, C],
    ]);
    expect(Object.keys(reports[0]!.envelope.body.checksums)).toEqual([keyOf(SVC.demo)]);
    expect(reports[0]!.envelope.timeoutMs).toBeUndefined();
  });

  it('the status checksum changes when the owner flips a flag', () => {
    const h = owner();
    h.advanceTo(60_000); // demo 10.1.0.5 has been unhealthy since the check at 20100
    h.request(61_000, CLIENT, {
      type: 'BEAT',
      ref: instanceRef(SVC.demo, '10.1.0.5'),
      beat: null,
      viaPeer: false,
    });
    h.advanceTo(65_000); // healthy again since 61000
    const sums = h.timedSends('SERVICE_STATUS', A).map((r) => r.envelope.body.checksums[keyOf(SVC.demo)]);
    expect(sums).toHaveLength(2);
    expect(sums[1]).not.toBe(sums[0]);
  });

  it('answers STATUSES_QUERY with ip:port_healthy for every instance', () => {
    const h = owner();
    h.advanceTo(20_100); // demo 10.1.0.5 unhealthy at 20100
    const { id, effects } = h.request(21_000, A, { type: 'STATUSES_QUERY', key: keyOf(SVC.demo) });
    const answer = sends(effects, 'STATUSES').find((e) => e.replyTo === id)!;
    expect(answer.body.ips).toEqual(['10.1.0.5:8080_false']);
  });
});

describe('health-status channel, receiver (reference §6.4.3)', () => {
  it('with a different checksum: asks STATUSES_QUERY and applies the flags', () => {
    const b = owner();
    b.advanceTo(60_000); // demo unhealthy on B since 20100
    const report = b.timedSends('SERVICE_STATUS', A)[0]!.envelope;
    const a = replica();
    const effects = a.oneWay(60_020, B, report.body);
    const queries = sends(effects, 'STATUSES_QUERY');
    expect(queries.map((q) => [q.to, q.body.key])).toEqual([[B, keyOf(SVC.demo)]]);
    const applied = a.answer(60_040, queries[0]!, { type: 'STATUSES', ips: ['10.1.0.5:8080_false'] });
    expect(instanceChanges(applied)).toEqual([`${SVC.demo} 10.1.0.5:8080 unhealthy`]);
    expect(a.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(false);
  });

  it('with the same checksum: no query', () => {
    const b = owner();
    b.request(59_000, CLIENT, {
      type: 'BEAT',
      ref: instanceRef(SVC.demo, '10.1.0.5'),
      beat: null,
      viaPeer: false,
    });
    b.advanceTo(60_000); // healthy again, as on the replica
    const report = b.timedSends('SERVICE_STATUS', A)[0]!.envelope;
    const a = replica();
    expect(sends(a.oneWay(60_020, B, report.body), 'STATUSES_QUERY')).toEqual([]);
  });

  it('ignores services it does not know', () => {
    const a = new NodeHarness({ self: A });
    const effects = a.oneWay(60_020, B, { type: 'SERVICE_STATUS', checksums: { [keyOf(SVC.demo)]: 'x' } });
    expect(sends(effects, 'STATUSES_QUERY')).toEqual([]);
  });

  it('a flag set back to healthy on the owner reaches the replica the same way', () => {
    const a = replica();
    const q1 = sends(
      a.oneWay(60_000, B, { type: 'SERVICE_STATUS', checksums: { [keyOf(SVC.demo)]: 'x' } }),
      'STATUSES_QUERY',
    )[0]!;
    a.answer(60_010, q1, { type: 'STATUSES', ips: ['10.1.0.5:8080_false'] });
    const q2 = sends(
      a.oneWay(65_000, B, { type: 'SERVICE_STATUS', checksums: { [keyOf(SVC.demo)]: 'y' } }),
      'STATUSES_QUERY',
    )[0]!;
    const applied = a.answer(65_010, q2, { type: 'STATUSES', ips: ['10.1.0.5:8080_true'] });
    expect(instanceChanges(applied)).toEqual([`${SVC.demo} 10.1.0.5:8080 healthy`]);
  });
});
