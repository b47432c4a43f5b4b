import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  C,
  CLIENT,
  datum,
  httpAnswer,
  instance,
  instanceChanges,
  instanceParams,
  instanceRef,
  keyOf,
  NodeHarness,
  notes,
  SVC,
  sends,
} from './harness.test-utils.ts';

// Node B owns SVC.demo, SVC.orderService; 3 members, so every write is pushed to A and C.

function syncTimes(h: NodeHarness, to?: string): [number, string][] {
  return h.timedSends('SYNC_DATUM', to).map((s) => [s.atMs, s.envelope.to]);
}

function hostsIn(body: {
  datums: readonly { key: string; instances: readonly { ip: string }[] }[];
}): string[][] {
  return body.datums.map((d) => d.instances.map((i) => i.ip).sort());
}

describe('owner write path (reference §5.1, §6.1, §6.3, §12.1)', () => {
  it('register: "ok" at once, instance added, a delayed task per other member', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.register(350, instanceParams(SVC.demo, '10.1.0.5'));
    expect(httpAnswer(effects, id)).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 added`]);
    expect(sends(effects, 'SYNC_DATUM')).toEqual([]);
    const tasks = h.tasks();
    expect(tasks.map((t) => [t.stage, t.target, t.keys, t.lastProcessMs, t.intervalMs])).toEqual([
      ['key', A, [keyOf(SVC.demo)], 350, 1000],
      ['key', C, [keyOf(SVC.demo)], 350, 1000],
    ]);
    const stored = h.instance(SVC.demo, '10.1.0.5:8080')!;
    expect(stored).toMatchObject({ healthy: true, lastBeatMs: 350, marked: false, weight: 1 });
    expect(stored.instanceId).toBe(`10.1.0.5#8080#DEFAULT#${SVC.demo}`);
  });

  it('first SYNC_DATUM to each peer at the first tick ≥ 2 s after the write (1 s key + 1 s batch)', () => {
    const h = new NodeHarness({ self: B });
    h.register(350, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(1399);
    expect(h.tasks().map((t) => t.stage)).toEqual(['key', 'key']);
    h.advanceTo(1400);
    // key stage matured at the 1400 tick: now a batch task per target, due one batch delay later.
    expect(h.tasks().map((t) => [t.stage, t.target, t.lastProcessMs])).toEqual([
      ['batch', A, 1400],
      ['batch', C, 1400],
    ]);
    h.advanceTo(2399);
    expect(syncTimes(h)).toEqual([]);
    h.advanceTo(2400);
    expect(syncTimes(h)).toEqual([
      [2400, A],
      [2400, C],
    ]);
    const push = h.timedSends('SYNC_DATUM', A)[0]!.envelope;
    expect(push.timeoutMs).toBe(3000);
    expect(push.body.datums).toHaveLength(1);
    expect(push.body.datums[0]!.key).toBe(keyOf(SVC.demo));
    expect(push.body.datums[0]!.instances.map((i) => `${i.ip}:${i.port}`)).toEqual(['10.1.0.5:8080']);
  });

  it('an aligned write at 300 is pushed at exactly 2300', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(4000);
    expect(syncTimes(h)).toEqual([
      [2300, A],
      [2300, C],
    ]);
  });

  it('ticks every 100 ms from the node start, not from time 0', () => {
    const h = new NodeHarness({ self: B, startMs: 1234 });
    h.register(2000, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(6000);
    // key due 3000 → tick 3034; batch due 4034 → tick 4034 (= first tick ≥ 4000).
    expect(syncTimes(h)).toEqual([
      [4034, A],
      [4034, C],
    ]);
  });

  it('pushes to members in every state, DOWN included', () => {
    const h = new NodeHarness({ self: B });
    h.peerDown(C); // B probes A at 5000, C at 7000 (refused)
    expect(h.nowMs).toBe(7000);
    expect(h.member(C)?.state).toBe('DOWN');
    // healthyList [A, B]: order-service % 2 = 1 → B still owns it.
    h.register(7000, instanceParams(SVC.orderService, '10.1.0.5'));
    h.advanceTo(10_000);
    expect(syncTimes(h)).toEqual([
      [9000, A],
      [9000, C],
    ]);
  });

  it('several writes to one key within the window → one push per target carrying the latest state', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.register(800, instanceParams(SVC.demo, '10.1.0.6'));
    h.register(1200, instanceParams(SVC.demo, '10.1.0.5', 8080, { weight: 3 }));
    h.advanceTo(4999);
    // The merge keeps the first task's lastProcessTime: the push is not postponed.
    expect(syncTimes(h)).toEqual([
      [2300, A],
      [2300, C],
    ]);
    const push = h.timedSends('SYNC_DATUM', A)[0]!.envelope.body;
    expect(hostsIn(push)).toEqual([['10.1.0.5', '10.1.0.6']]);
    expect(push.datums[0]!.instances.find((i) => i.ip === '10.1.0.5')!.weight).toBe(3);
  });

  it('reads the data at send time: a write made during the batch stage rides along', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.register(1500, instanceParams(SVC.demo, '10.1.0.6'));
    h.advanceTo(4999);
    const pushes = h.timedSends('SYNC_DATUM', A);
    // 2300: the first batch already carries .6; 3500: the second write's own push.
    expect(pushes.map((p) => p.atMs)).toEqual([2300, 3500]);
    expect(hostsIn(pushes[0]!.envelope.body)).toEqual([['10.1.0.5', '10.1.0.6']]);
    expect(hostsIn(pushes[1]!.envelope.body)).toEqual([['10.1.0.5', '10.1.0.6']]);
  });

  it('§13 case 3 (1.x): CHANGE then deregister within 0.5 s → a single push with the reduced list at about 2 s', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.1'));
    h.advanceTo(4000); // the first instance is pushed at 2100
    const t0 = 10_000;
    h.register(t0, instanceParams(SVC.demo, '10.1.0.2'));
    const dereg = h.request(t0 + 400, CLIENT, {
      type: 'DEREGISTER',
      ref: instanceRef(SVC.demo, '10.1.0.2'),
      viaPeer: false,
    });
    expect(httpAnswer(dereg.effects, dereg.id).status).toBe(200);
    expect(instanceChanges(dereg.effects)).toEqual([`${SVC.demo} 10.1.0.2:8080 removed`]);
    h.advanceTo(t0 + 5000);
    const pushes = h.timedSends('SYNC_DATUM', A).filter((p) => p.atMs >= t0);
    expect(pushes.map((p) => p.atMs)).toEqual([t0 + 2000]);
    expect(hostsIn(pushes[0]!.envelope.body)).toEqual([['10.1.0.1']]);
  });

  it('deregister of the last instance pushes an empty list (a CHANGE, never a DELETE)', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.1'));
    h.request(200, CLIENT, { type: 'DEREGISTER', ref: instanceRef(SVC.demo, '10.1.0.1'), viaPeer: false });
    h.advanceTo(3000);
    const pushes = h.timedSends('SYNC_DATUM', A);
    expect(pushes.map((p) => p.atMs)).toEqual([2100]);
    expect(pushes[0]!.envelope.body.datums).toEqual([{ key: keyOf(SVC.demo), instances: [] }]);
  });

  it('deregister of an unknown service answers "ok" and queues nothing', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(100, CLIENT, {
      type: 'DEREGISTER',
      ref: instanceRef(SVC.demo, '10.1.0.1'),
      viaPeer: false,
    });
    expect(httpAnswer(effects, id)).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });
    expect(h.tasks()).toEqual([]);
  });

  it('re-registering keeps the existing instanceId', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.1'));
    h.register(200, instanceParams(SVC.demo, '10.1.0.1', 8080, { clusterName: 'OTHER' }));
    const stored = h.instance(SVC.demo, '10.1.0.1:8080')!;
    expect(stored.clusterName).toBe('OTHER');
    expect(stored.instanceId).toBe(`10.1.0.1#8080#DEFAULT#${SVC.demo}`);
  });
});

describe('sync retry (reference §6.3 NamingProxy.syncData, §1 retry delay 5 s, no limit)', () => {
  it('a timed-out push is queued again per key with 5 s delay and goes through batching again', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.register(300, instanceParams(SVC.orderService, '10.1.0.6'));
    h.advanceTo(2300);
    const first = h.timedSends('SYNC_DATUM', A);
    expect(first.map((p) => p.atMs)).toEqual([2300]);
    expect(first[0]!.envelope.body.datums.map((d) => d.key)).toEqual([
      keyOf(SVC.demo),
      keyOf(SVC.orderService),
    ]);
    h.respond(h.timedSends('SYNC_DATUM', C)[0]!.envelope, 200, 'ok', 20);
    const failed = h.fail(5300, first[0]!.envelope, 'timeout');
    expect(notes(failed, 'syncFailed')).toHaveLength(1);
    // One key task per key, 5 s interval from the failure.
    expect(h.tasks().map((t) => [t.stage, t.target, t.keys, t.lastProcessMs, t.intervalMs])).toEqual([
      ['key', A, [keyOf(SVC.demo)], 5300, 5000],
      ['key', A, [keyOf(SVC.orderService)], 5300, 5000],
    ]);
    h.advanceTo(10_300);
    expect(h.tasks().map((t) => t.stage)).toEqual(['batch']);
    h.advanceTo(11_299);
    expect(h.timedSends('SYNC_DATUM', A)).toHaveLength(1);
    h.advanceTo(11_300);
    const retry = h.timedSends('SYNC_DATUM', A);
    expect(retry.map((p) => p.atMs)).toEqual([2300, 11_300]);
    expect(retry[1]!.envelope.body.datums.map((d) => d.key)).toEqual([
      keyOf(SVC.demo),
      keyOf(SVC.orderService),
    ]);
    // C answered: nothing more for C.
    expect(h.timedSends('SYNC_DATUM', C).map((p) => p.atMs)).toEqual([2300]);
  });

  it('a non-200 answer is a failure too, and the retry carries the state at retry time', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(2300);
    const push = h.timedSends('SYNC_DATUM', A)[0]!.envelope;
    h.answerHttp(2350, push, 500, 'error');
    h.register(3000, instanceParams(SVC.demo, '10.1.0.7'));
    h.advanceTo(9000);
    // The write at 3000 merges into the retry task for A: the new 1 s interval, the old
    // lastProcessTime (2350) → key stage at the 3400 tick → sent at 4400. C: 3000 → 5000.
    const pushesA = h.timedSends('SYNC_DATUM', A);
    expect(pushesA.map((p) => p.atMs)).toEqual([2300, 4400]);
    expect(hostsIn(pushesA[1]!.envelope.body)).toEqual([['10.1.0.5', '10.1.0.7']]);
    expect(h.timedSends('SYNC_DATUM', C).map((p) => p.atMs)).toEqual([2300, 5000]);
  });

  it('a 304 answer counts as delivered, like 200', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(2300);
    const effects = h.answerHttp(2320, h.timedSends('SYNC_DATUM', A)[0]!.envelope, 304, '');
    expect(notes(effects, 'syncFailed')).toEqual([]);
    expect(h.tasks()).toEqual([]);
  });

  it('retries forever while the target is a member: three failures in a row, three retries', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(2300);
    const times: number[] = [];
    let push = h.timedSends('SYNC_DATUM', A)[0]!.envelope;
    for (let i = 0; i < 3; i++) {
      h.failNow(push, 'timeout', 3000);
      const failedAt = h.nowMs;
      h.advanceTo(failedAt + 6000);
      const all = h.timedSends('SYNC_DATUM', A);
      expect(all).toHaveLength(i + 2);
      const last = all[all.length - 1]!;
      times.push(last.atMs - failedAt);
      push = last.envelope;
    }
    expect(times).toEqual([6000, 6000, 6000]);
  });

  it('stops retrying once the target is no longer a member (cluster.conf change)', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(2300);
    h.failNow(h.timedSends('SYNC_DATUM', A)[0]!.envelope, 'timeout', 3000);
    h.input(6000, { type: 'membersChanged', members: [B, C] });
    h.advanceTo(20_000);
    expect(h.timedSends('SYNC_DATUM', A).map((p) => p.atMs)).toEqual([2300]);
    expect(h.tasks()).toEqual([]);
  });

  it('a full batch of syncBatchKeyCount keys fires at the next tick', () => {
    const h = new NodeHarness({ self: B, config: { syncBatchKeyCount: 3 } });
    h.register(300, instanceParams(SVC.demo, '10.1.0.1'));
    h.register(300, instanceParams(SVC.orderService, '10.1.0.2'));
    h.register(300, instanceParams('DEFAULT_GROUP@@users', '10.1.0.3'));
    h.register(300, instanceParams('DEFAULT_GROUP@@beta', '10.1.0.4'));
    h.advanceTo(5000);
    const pushesA = h.timedSends('SYNC_DATUM', A);
    // Key stage matures at 1300; the third key fills the batch → sent at the 1400 tick, not at 2300.
    expect(pushesA[0]!.atMs).toBe(1400);
    expect(pushesA[0]!.envelope.body.datums).toHaveLength(3);
    // The fourth key starts a new batch under the next sequence, sent one batch delay later.
    expect(pushesA.map((p) => p.atMs)).toEqual([1400, 2300]);
    expect(pushesA[1]!.envelope.body.datums.map((d) => d.key)).toEqual([keyOf('DEFAULT_GROUP@@beta')]);
  });

  it('without a full batch, many keys go in one request per target at the batch time', () => {
    const h = new NodeHarness({ self: B });
    h.register(300, instanceParams(SVC.demo, '10.1.0.1'));
    h.register(600, instanceParams(SVC.orderService, '10.1.0.2'));
    h.advanceTo(5000);
    // orderService's key stage matures at 1600 and joins the batch opened at 1300.
    const pushesA = h.timedSends('SYNC_DATUM', A);
    expect(pushesA.map((p) => p.atMs)).toEqual([2300]);
    expect(pushesA[0]!.envelope.body.datums.map((d) => d.key)).toEqual([
      keyOf(SVC.demo),
      keyOf(SVC.orderService),
    ]);
  });
});

describe('receiving a push (reference §6.3 DistroController.onSyncDatum, Cluster.updateIps)', () => {
  it('replaces the Datum, answers ok, and queues no further sync', () => {
    const h = new NodeHarness({ self: A });
    const { id, effects } = h.request(100, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.1'), instance(SVC.demo, '10.1.0.2')])],
    });
    expect(httpAnswer(effects, id)).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });
    expect(instanceChanges(effects)).toEqual([
      `${SVC.demo} 10.1.0.1:8080 added`,
      `${SVC.demo} 10.1.0.2:8080 added`,
    ]);
    expect(h.tasks()).toEqual([]);
    const second = h.request(200, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.2')])],
    });
    expect(instanceChanges(second.effects)).toEqual([`${SVC.demo} 10.1.0.1:8080 removed`]);
    expect(h.addresses(SVC.demo)).toEqual(['10.1.0.2:8080']);
  });

  it('an empty push is answered 400', () => {
    const h = new NodeHarness({ self: A });
    const { id, effects } = h.request(100, B, { type: 'SYNC_DATUM', datums: [] });
    expect(httpAnswer(effects, id).status).toBe(400);
  });

  it('keeps the local healthy flag of an existing instance; a new instance takes the sender flag', () => {
    const h = new NodeHarness({ self: A });
    h.request(100, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.1', 8080, { healthy: true })])],
    });
    const { effects } = h.request(200, B, {
      type: 'SYNC_DATUM',
      datums: [
        datum(SVC.demo, [
          instance(SVC.demo, '10.1.0.1', 8080, { healthy: false }),
          instance(SVC.demo, '10.1.0.2', 8080, { healthy: false }),
        ]),
      ],
    });
    const instances = h.service(SVC.demo)!.instances;
    expect(instances['10.1.0.1:8080']!.healthy).toBe(true);
    expect(instances['10.1.0.2:8080']!.healthy).toBe(false);
    expect(instanceChanges(effects)).toEqual([
      `${SVC.demo} 10.1.0.2:8080 added`,
      `${SVC.demo} 10.1.0.2:8080 unhealthy`,
    ]);
  });

  it('takes the sender flag for a marked instance', () => {
    const h = new NodeHarness({ self: A });
    h.request(100, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.1', 8080, { healthy: true, marked: true })])],
    });
    h.request(200, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.1', 8080, { healthy: false, marked: true })])],
    });
    expect(h.instance(SVC.demo, '10.1.0.1:8080')!.healthy).toBe(false);
  });

  it('carries lastBeat with the Datum (replicas hold the owner value at put time)', () => {
    const h = new NodeHarness({ self: A });
    h.request(100, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.1', 8080, { lastBeatMs: 42 })])],
    });
    expect(h.instance(SVC.demo, '10.1.0.1:8080')!.lastBeatMs).toBe(42);
  });
});
