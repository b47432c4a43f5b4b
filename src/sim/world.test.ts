/**
 * Integration timelines of reference §12 (1.x, default parameters, 3 nodes A < B < C) run on
 * the simulated World: every node is the real protocol step function, the network and the
 * SDK clients are simulated. Times are virtual and the runs are seeded, so they are exact;
 * the bounds below are the reference's, not the run's.
 */
import { describe, expect, it } from 'vitest';
import type { MessageRecord, TraceRecord } from './types.ts';
import { createWorld, type World } from './world.ts';

// 'orders' is owned by 10.0.0.1 in [1,2,3]; 'demo' by 10.0.0.2 in [1,2,3] and by 10.0.0.1 in [1,3].
const DEMO = 'DEFAULT_GROUP@@demo';

interface Recorder {
  readonly traces: TraceRecord[];
  readonly messages: MessageRecord[];
}

function record(w: World): Recorder {
  const traces: TraceRecord[] = [];
  const messages: MessageRecord[] = [];
  w.onTrace((r) => traces.push(r));
  w.onMessage((m) => messages.push(m));
  return { traces, messages };
}

function instanceEvents(rec: Recorder, instance: string, observer?: string) {
  return rec.traces.flatMap((r) =>
    r.type === 'instance' && r.instance === instance && (observer === undefined || r.observer === observer)
      ? [{ atMs: r.atMs, observer: r.observer, change: r.change }]
      : [],
  );
}

function memberEvents(rec: Recorder, observer: string, subject: string) {
  return rec.traces.flatMap((r) =>
    r.type === 'member' && r.observer === observer && r.subject === subject
      ? [{ atMs: r.atMs, to: r.to }]
      : [],
  );
}

function nodes(w: World): [string, string, string] {
  return w.nodeAddresses() as [string, string, string];
}

describe('§12.1 register through a non-owner (1.x)', () => {
  it('forwarded once to the owner, "ok" relayed, replicas at about 2.0–2.2 s, beats not replicated', () => {
    const w = createWorld({ seed: 21, nodeCount: 3 });
    const [A, B, C] = nodes(w);
    const rec = record(w);
    w.runUntil(1000);
    w.register('c1', { serviceName: 'orders', ip: '10.9.0.1', port: 8080, via: B });
    w.runUntil(30_000);
    const mine = rec.messages.filter((m) => m.sentAtMs >= 1000 && m.sentAtMs < 1200);
    const register = mine
      .filter((m) => m.envelope.body.type === 'REGISTER')
      .map((m) => [m.envelope.from, m.envelope.to]);
    expect(register).toEqual([
      ['client/c1', B],
      [B, A],
    ]);
    const forwarded = mine.find((m) => m.envelope.body.type === 'REGISTER' && m.envelope.from === B)!;
    expect(forwarded.envelope.body).toMatchObject({ viaPeer: true });
    const toClient = mine.find(
      (m) => m.envelope.to === 'client/c1' && m.envelope.body.type === 'HTTP_RESPONSE',
    );
    expect(toClient?.envelope.from).toBe(B);
    expect(toClient?.envelope.body).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });

    const added = instanceEvents(rec, '10.9.0.1:8080').filter((e) => e.change === 'added');
    const onOwner = added.find((e) => e.observer === A)!;
    expect(onOwner.atMs).toBeLessThan(1100);
    for (const replica of [B, C]) {
      const at = added.find((e) => e.observer === replica)!.atMs;
      expect(at - onOwner.atMs).toBeGreaterThanOrEqual(2000);
      expect(at - onOwner.atMs).toBeLessThanOrEqual(2200);
    }
    // Exactly one push per replica: the beats (every 5 s, from 6 s on) are not replicated.
    const pushes = rec.messages.filter((m) => m.envelope.body.type === 'SYNC_DATUM');
    expect(pushes.map((m) => m.envelope.to).sort()).toEqual([B, C]);
    const beats = rec.messages.filter(
      (m) => m.envelope.body.type === 'BEAT' && m.envelope.from === 'client/c1',
    );
    expect(beats.length).toBeGreaterThanOrEqual(5);
    expect(beats[0]!.sentAtMs).toBe(6000);
    // The owner verifies every 5 s; the replicas agree, so nobody pulls.
    expect(rec.messages.some((m) => m.envelope.body.type === 'CHECKSUM' && m.envelope.from === A)).toBe(true);
    expect(rec.messages.filter((m) => m.envelope.body.type === 'DATUM_QUERY')).toEqual([]);
  });
});

describe('§12.3 client dies (1.x)', () => {
  it('owner: unhealthy 15–20 s after the last beat, deleted 30–35 s after it; replicas follow the delete within about 2 s', () => {
    const w = createWorld({ seed: 22, nodeCount: 3 });
    const [A, B, C] = nodes(w);
    const rec = record(w);
    w.runUntil(1000);
    w.register('c1', { serviceName: 'orders', ip: '10.9.0.2', port: 8080, via: A });
    w.runUntil(12_000);
    w.stopClient('c1');
    w.runUntil(60_000);
    // The last beat the owner processed (directly or forwarded).
    const beatsAtOwner = rec.messages.filter(
      (m) => m.envelope.body.type === 'BEAT' && m.envelope.to === A && m.fate === 'delivered',
    );
    const lastBeat = beatsAtOwner[beatsAtOwner.length - 1]!.endAtMs;
    expect(lastBeat).toBeLessThan(12_000);
    const owner = instanceEvents(rec, '10.9.0.2:8080', A);
    const unhealthy = owner.find((e) => e.change === 'unhealthy')!;
    const removed = owner.find((e) => e.change === 'removed')!;
    expect(unhealthy.atMs - lastBeat).toBeGreaterThan(15_000);
    expect(unhealthy.atMs - lastBeat).toBeLessThanOrEqual(20_000);
    expect(removed.atMs - lastBeat).toBeGreaterThan(30_000);
    expect(removed.atMs - lastBeat).toBeLessThanOrEqual(35_010);
    for (const replica of [B, C]) {
      const events = instanceEvents(rec, '10.9.0.2:8080', replica);
      // 1.x: the unhealthy flag travels only on the status channel, whose first run is at 60 s.
      expect(events.map((e) => e.change)).toEqual(['added', 'removed']);
      const gone = events[1]!.atMs;
      expect(gone - removed.atMs).toBeGreaterThanOrEqual(2000);
      expect(gone - removed.atMs).toBeLessThanOrEqual(2300);
    }
  });
});

describe('§12.4 owner node crashes (1.x HTTP report, issue #1873)', () => {
  it('refused probe → DOWN within 2(N−1) s; the new owner expires the live instance on a stale lastBeat, the next beat restores it', () => {
    const w = createWorld({ seed: 23, nodeCount: 3 });
    const [A, B, C] = nodes(w);
    const rec = record(w);
    w.runUntil(1000);
    w.register('c1', { serviceName: 'demo', ip: '10.9.0.3', port: 8080, via: B });
    // Killed just before A's probe of B at 37 s: A's first check as owner (38.1 s) then comes
    // before the client's next beat (≈ 41.5 s); a beat landing first would have saved it.
    w.runUntil(36_990);
    expect(instanceEvents(rec, '10.9.0.3:8080').map((e) => e.change)).toEqual(['added', 'added', 'added']);
    const killedAt = w.nowMs;
    w.kill(B);
    w.runUntil(80_000);
    for (const observer of [A, C]) {
      const down = memberEvents(rec, observer, B).find((e) => e.to === 'DOWN')!;
      expect(down.atMs - killedAt).toBeLessThanOrEqual(4100);
    }
    // In [A, C] demo belongs to A, whose replica holds lastBeat from the register (about 1 s).
    const atA = instanceEvents(rec, '10.9.0.3:8080', A).filter((e) => e.atMs > killedAt);
    expect(atA.map((e) => e.change)).toEqual(['unhealthy', 'removed', 'added']);
    const downAtA = memberEvents(rec, A, B).find((e) => e.to === 'DOWN')!.atMs;
    expect(atA[0]!.atMs - downAtA).toBeLessThanOrEqual(5000);
    // The flap lasts at most about one beat interval (plus the client's fail-over).
    expect(atA[2]!.atMs - atA[1]!.atMs).toBeLessThanOrEqual(5500);
    const final = w.views().filter((v) => v.status === 'running');
    for (const view of final) expect(view.instances[DEMO]).toEqual({ '10.9.0.3:8080': true });
  });
});

describe('§12.5 owner hangs (timeouts, not refusals)', () => {
  it('SUSPICIOUS at the first failed probe yet still owner (writes for its tags fail with 500); DOWN after the 4th', () => {
    const w = createWorld({ seed: 24, nodeCount: 3 });
    const [A, B] = nodes(w);
    const rec = record(w);
    w.runUntil(10_000);
    const pausedAt = w.nowMs;
    w.pause(B);
    w.runUntil(17_000);
    const states = () => memberEvents(rec, A, B);
    expect(states().map((e) => e.to)).toEqual(['SUSPICIOUS']);
    w.register('c1', { serviceName: 'demo', ip: '10.9.0.4', port: 8080, via: A });
    w.runUntil(60_000);
    expect(states().map((e) => e.to)).toEqual(['SUSPICIOUS', 'DOWN']);
    const down = states()[1]!.atMs;
    // Reference: about 4 × 2(N−1) s plus timeouts, ≈ 16–25 s for N = 3.
    expect(down - pausedAt).toBeGreaterThanOrEqual(12_000);
    expect(down - pausedAt).toBeLessThanOrEqual(25_000);
    // While B is SUSPICIOUS, A forwards the register to B and answers 500 after the 2 s proxy timeout.
    const fromA = rec.messages.filter(
      (m) =>
        m.envelope.from === A && m.envelope.to === 'client/c1' && m.envelope.body.type === 'HTTP_RESPONSE',
    );
    const first = fromA[0]!;
    expect(first.envelope.body).toMatchObject({ status: 500 });
    expect(first.sentAtMs - 17_000).toBeGreaterThanOrEqual(2000);
    expect(first.sentAtMs).toBeLessThan(down);
    // Once B is DOWN, the client's next full beat re-creates the instance at the new owner
    // (the register itself was lost), and it reaches the other running node.
    for (const view of w.views().filter((v) => v.status === 'running'))
      expect(view.instances[DEMO]).toEqual({ '10.9.0.4:8080': true });
  });
});

describe('time never runs backwards', () => {
  it('a request timeout shorter than the network delay still fires after the window that set it', () => {
    // 5 s links and a 2 s proxy timeout: the window must shrink to the timeout.
    const world = createWorld({ seed: 3, nodeCount: 3, link: { latencyMs: 5000, jitterMs: 0 } });
    const times: number[] = [];
    world.onTrace((record) => times.push(record.atMs));
    world.runUntil(100);
    world.register('c1', { serviceName: 'orders', ip: '10.1.0.1', port: 8080, via: '10.0.0.2:8848' });
    world.runUntil(60_000);
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('a run does not depend on how it is sliced', () => {
  it('cutting runUntil at arbitrary extra times gives the same trace as one call', () => {
    const record = (cuts: readonly number[]): string[] => {
      const world = createWorld({ seed: 21, nodeCount: 4, link: { lossRate: 0.05, duplicateRate: 0.05 } });
      const trace: string[] = [];
      world.onTrace((r) => trace.push(JSON.stringify(r)));
      world.runUntil(0);
      // Clients and a restarted node put the nodes' timers out of phase, so sends of
      // different nodes interleave in time and a window boundary can fall between them.
      for (let i = 0; i < 8; i++) {
        world.runUntil(i * 613);
        world.register(`c${i}`, { serviceName: `svc-${i % 3}`, ip: `10.1.0.${i + 1}`, port: 8080 });
      }
      world.runUntil(7_777);
      world.restart('10.0.0.2:8848');
      for (const cut of cuts) world.runUntil(cut);
      world.partition([['10.0.0.1:8848'], ['10.0.0.2:8848', '10.0.0.3:8848', '10.0.0.4:8848']]);
      world.runUntil(45_000);
      world.heal();
      world.runUntil(90_000);
      return trace;
    };
    const whole = record([20_000]);
    expect(whole.length).toBeGreaterThan(20);
    // A cut every 7 ms: windows end early all the time and realign after every cut.
    const manyCuts = Array.from({ length: 1_700 }, (_, i) => 8_000 + i * 7);
    expect(record([...manyCuts, 20_000])).toEqual(whole);
  });

  it('pacing by whole windows (advance) gives the same trace as runUntil', () => {
    const record = (pace: (world: World, toMs: number) => void): string[] => {
      const world = createWorld({ seed: 8, nodeCount: 3 });
      const trace: string[] = [];
      world.onTrace((r) => trace.push(JSON.stringify(r)));
      world.runUntil(0);
      world.register('a', { serviceName: 'orders', ip: '10.1.0.1', port: 8080 });
      pace(world, 60_000);
      return trace.filter((line) => JSON.parse(line).atMs < 60_000);
    };
    const exact = record((world, toMs) => world.runUntil(toMs));
    const paced = record((world, toMs) => {
      for (let t = 0; t < toMs; t += 37) world.advance(t);
      world.runUntil(toMs);
    });
    expect(paced).toEqual(exact);
  });
});

describe('message kinds', () => {
  it('an answer takes the kind of its request: a forwarded beat, a sync and a probe answer are not client traffic', () => {
    const w = createWorld({ seed: 3, nodeCount: 3 });
    const rec = record(w);
    w.register('c1', { serviceName: 'demo', ip: '10.1.0.1', port: 8080, via: '10.0.0.1:8848' });
    w.runUntil(20_000);
    const requestKind = new Map(rec.messages.map((m) => [m.envelope.id, m.kind]));
    const answers = rec.messages.filter((m) => m.envelope.replyTo !== undefined);
    const kinds = new Set(answers.map((m) => m.kind));
    for (const kind of ['probe', 'forward', 'sync', 'client'] as const) expect(kinds).toContain(kind);
    for (const answer of answers) expect(answer.kind).toBe(requestKind.get(answer.envelope.replyTo!));
  });
});

describe('truth', () => {
  it('is kept until a client, a node or the network changes, and is right after each change', () => {
    const w = createWorld({ seed: 5, nodeCount: 3 });
    w.register('a', { serviceName: 'demo', ip: '10.1.0.1', port: 8080 });
    const first = w.truth();
    w.runUntil(5_000);
    expect(w.truth()).toBe(first);
    w.register('b', { serviceName: 'demo', ip: '10.1.0.2', port: 8080 });
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.1:8080': true, '10.1.0.2:8080': true } });
    w.stopClient('a');
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.2:8080': true } });
    w.cutClient('b', ['10.0.0.1:8848', '10.0.0.2:8848']);
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.2:8080': true } }); // n3 is still reachable
    w.kill('10.0.0.3:8848');
    expect(w.truth()).toEqual({});
    w.restart('10.0.0.3:8848');
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.2:8080': true } });
    w.partition([['10.0.0.1:8848', '10.0.0.2:8848'], ['10.0.0.3:8848']]);
    w.resumeClient('a');
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.1:8080': true, '10.1.0.2:8080': true } });
    w.deregister('b');
    expect(w.truth()).toEqual({ [DEMO]: { '10.1.0.1:8080': true } });
  });
});
