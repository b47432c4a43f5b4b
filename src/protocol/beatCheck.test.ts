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
  SVC,
  sends,
} from './harness.test-utils.ts';

const checkTimer = (groupedName: string) => `beatCheck:${keyOf(groupedName)}`;

/** The beat check's DEREGISTER to self, if the effects hold one. */
function selfDeletes(h: NodeHarness, fromMs: number, toMs?: number) {
  return h
    .timedSends('DEREGISTER', h.self)
    .filter((s) => s.atMs >= fromMs && (toMs === undefined || s.atMs < toMs));
}

describe('beat check schedule (reference §7.1, §1 beat-check task period)', () => {
  it('runs per service, first one interval after the service was created, then every interval', () => {
    const h = new NodeHarness({ self: B });
    h.register(1234, instanceParams(SVC.demo, '10.1.0.5'));
    h.register(2000, instanceParams(SVC.orderService, '10.1.0.6'));
    expect(h.timerAt(checkTimer(SVC.demo))).toBe(6234);
    expect(h.timerAt(checkTimer(SVC.orderService))).toBe(7000);
    h.advanceTo(6234);
    expect(h.timerAt(checkTimer(SVC.demo))).toBe(11_234);
    expect(h.timerAt(checkTimer(SVC.orderService))).toBe(7000);
  });

  it('a non-owner keeps no check armed, and arms it at the service phase when it becomes owner', () => {
    // demo is B's in [A, B, C] and A's in [A, C] (reference §4.1 vectors: hash % 2 = 0).
    const h = new NodeHarness({ self: A });
    h.request(700, B, { type: 'SYNC_DATUM', datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.5')])] });
    expect(h.timerAt(checkTimer(SVC.demo))).toBeUndefined();
    h.advanceTo(7000);
    h.failNow(h.probeOf(B), 'refused');
    expect(h.state.healthyList).toEqual([A, C]);
    // The always-running task of Nacos would next have looked at 700 + 2 × 5000.
    expect(h.timerAt(checkTimer(SVC.demo))).toBe(10_700);
  });

  it('an owner that loses the service stops checking it (its check would return at once)', () => {
    // demo is B's in [A, B, C] and A's in [A, B] (hash % 2 = 0).
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    expect(h.timerAt(checkTimer(SVC.demo))).toBe(5100);
    h.failNow(h.probeOf(C), 'refused');
    expect(h.state.healthyList).toEqual([A, B]);
    h.advanceTo(20_000);
    expect(h.timerAt(checkTimer(SVC.demo))).toBeUndefined();
    expect(selfDeletes(h, 0)).toEqual([]);
  });
});

describe('beat check on the owner (reference §7.1, §12.3, §13 suggested case 7)', () => {
  it('unhealthy at the first check where now − lastBeat > 15 s (strictly greater), not replicated', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(3000);
    for (const push of h.timedSends('SYNC_DATUM')) h.respond(push.envelope);
    // Checks at 5100, 10100, 15100 (silent exactly 15000: not yet), 20100.
    expect(instanceChanges(h.advanceTo(20_099))).toEqual([]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(true);
    const effects = h.advanceTo(20_100);
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 unhealthy`]);
    // The flag flip is no Distro put: nothing queued.
    expect(h.tasks()).toEqual([]);
    expect(sends(effects, 'SYNC_DATUM')).toEqual([]);
  });

  it('at > 30 s the node sends DEREGISTER to itself with viaPeer=true, then removes and replicates', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    // 30100: silent exactly 30000 → no delete yet.
    h.advanceTo(30_100);
    expect(selfDeletes(h, 0)).toEqual([]);
    h.advanceTo(35_100);
    const deletes = selfDeletes(h, 0);
    expect(deletes.map((d) => d.atMs)).toEqual([35_100]);
    const del = deletes[0]!.envelope;
    expect(del.to).toBe(B);
    expect(del.body).toEqual({ type: 'DEREGISTER', ref: instanceRef(SVC.demo, '10.1.0.5'), viaPeer: true });
    // The request passes DistroFilter (B owns demo) and deregister: removal + CHANGE put.
    const effects = h.loopback(35_101, del);
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 removed`]);
    expect(httpAnswer(effects, del.id).status).toBe(200);
    h.advanceTo(38_000);
    const pushes = h.timedSends('SYNC_DATUM', A).filter((p) => p.atMs > 35_000);
    expect(pushes.map((p) => p.atMs)).toEqual([37_200]);
    expect(pushes[0]!.envelope.body.datums).toEqual([{ key: keyOf(SVC.demo), instances: [] }]);
  });

  it('keeps the instance when expireInstance is off (only unhealthy)', () => {
    const h = new NodeHarness({ self: B, config: { expireInstance: false } });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(60_000);
    expect(selfDeletes(h, 0)).toEqual([]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(false);
  });

  it('a beat in time keeps the instance healthy and present', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    for (let t = 5000; t <= 60_000; t += 5000) {
      h.request(t, CLIENT, {
        type: 'BEAT',
        ref: instanceRef(SVC.demo, '10.1.0.5'),
        beat: null,
        viaPeer: false,
      });
    }
    h.advanceTo(60_000);
    expect(instanceChanges(h.effectsBetween(1000))).toEqual([]);
    expect(selfDeletes(h, 0)).toEqual([]);
  });

  it('skips marked instances: never unhealthy, never deleted', () => {
    const h = new NodeHarness({ self: B });
    h.request(100, A, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.5', 8080, { marked: true, lastBeatMs: 0 })])],
    });
    h.advanceTo(60_000);
    expect(instanceChanges(h.effectsBetween(200))).toEqual([]);
    expect(selfDeletes(h, 0)).toEqual([]);
  });

  it('uses the instance metadata timeouts when set', () => {
    const h = new NodeHarness({ self: B });
    h.register(
      100,
      instanceParams(SVC.demo, '10.1.0.5', 8080, {
        metadata: { 'preserved.heart.beat.timeout': '3000', 'preserved.ip.delete.timeout': '6000' },
      }),
    );
    // First check at 5100: silent 5000 > 3000 → unhealthy; second at 10100: 10000 > 6000 → delete.
    expect(instanceChanges(h.advanceTo(5100))).toEqual([`${SVC.demo} 10.1.0.5:8080 unhealthy`]);
    h.advanceTo(10_100);
    expect(selfDeletes(h, 0).map((d) => d.atMs)).toEqual([10_100]);
  });
});

describe('beat check on a non-owner and the stale lastBeat hazard (reference §7.1, issue #1873)', () => {
  /** A holds a replica of demo (owner B) pushed at 100 with lastBeat 0. */
  function replica(): NodeHarness {
    const h = new NodeHarness({ self: A });
    h.request(100, B, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.5', 8080, { lastBeatMs: 0 })])],
    });
    return h;
  }

  it('a non-owner with a stale lastBeat does nothing', () => {
    const h = replica();
    h.advanceTo(60_000);
    expect(instanceChanges(h.effectsBetween(200))).toEqual([]);
    expect(selfDeletes(h, 0)).toEqual([]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(true);
  });

  it('once it becomes owner, its first check flaps the live instance: unhealthy + delete, back on the next beat', () => {
    const h = replica();
    h.advanceTo(40_000);
    expect(instanceChanges(h.effectsBetween(200))).toEqual([]);
    // B (the owner) stops answering: refused → DOWN in A's view; [A, C]: demo % 2 = 0 → A.
    h.peerDown(B);
    expect(h.nowMs).toBe(41_000);
    expect(h.state.healthyList).toEqual([A, C]);
    // The next check (45100) sees lastBeat 0: unhealthy and a DEREGISTER to itself.
    const check = h.advanceTo(45_100);
    expect(instanceChanges(check)).toEqual([`${SVC.demo} 10.1.0.5:8080 unhealthy`]);
    const del = selfDeletes(h, 45_100);
    expect(del).toHaveLength(1);
    const removed = h.loopback(45_101, del[0]!.envelope);
    expect(instanceChanges(removed)).toEqual([`${SVC.demo} 10.1.0.5:8080 removed`]);
    // The client is alive: its next (light) beat, forwarded by C, gets 20404 …
    const lightBeat = h.request(46_000, C, {
      type: 'BEAT',
      ref: instanceRef(SVC.demo, '10.1.0.5'),
      beat: null,
      viaPeer: true,
    });
    expect(httpAnswer(lightBeat.effects, lightBeat.id).body).toMatchObject({ code: 20404 });
    // … so the client registers again, and the instance is back.
    const again = h.request(46_050, C, {
      type: 'REGISTER',
      params: instanceParams(SVC.demo, '10.1.0.5'),
      viaPeer: true,
    });
    expect(instanceChanges(again.effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 added`]);
  });
});
