import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  beatInfo,
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
import type { WireMessage } from './messages.ts';

// Node B owns SVC.demo.

function beat(groupedName: string, ip: string, full: boolean, port = 8080): WireMessage {
  return {
    type: 'BEAT',
    ref: instanceRef(groupedName, ip, port),
    beat: full ? beatInfo(groupedName, ip, port, { weight: 2, metadata: { zone: 'z1' } }) : null,
    viaPeer: false,
  };
}

/** B with one instance of demo registered at 100 and already pushed (tasks drained). */
function ownerWithInstance(): NodeHarness {
  const h = new NodeHarness({ self: B });
  h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
  h.advanceTo(2100);
  for (const push of h.timedSends('SYNC_DATUM')) h.respond(push.envelope);
  expect(h.tasks()).toEqual([]);
  return h;
}

describe('beats on the owner (reference §5.1 beat, §11.3, §9.3)', () => {
  it('a known instance → 10200 with clientBeatInterval 5000 and lightBeatEnabled, lastBeat refreshed', () => {
    const h = ownerWithInstance();
    const { id, effects } = h.request(3000, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    expect(httpAnswer(effects, id)).toEqual({
      type: 'HTTP_RESPONSE',
      status: 200,
      body: { clientBeatInterval: 5000, code: 10200, lightBeatEnabled: true },
    });
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.lastBeatMs).toBe(3000);
  });

  it('answers lightBeatEnabled as configured', () => {
    const h = new NodeHarness({ self: B, config: { lightBeatEnabled: false } });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    const { id, effects } = h.request(200, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    expect(httpAnswer(effects, id).body).toEqual({
      clientBeatInterval: 5000,
      code: 10200,
      lightBeatEnabled: false,
    });
  });

  it('a beat makes an unhealthy instance healthy again', () => {
    const h = ownerWithInstance();
    h.advanceTo(20_100); // the beat check marks it unhealthy at 20100 (silent 20000 ms > 15000)
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(false);
    const { effects } = h.request(21_000, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 healthy`]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')).toMatchObject({ healthy: true, lastBeatMs: 21_000 });
  });

  it('beats themselves queue no sync (the refreshed lastBeat stays on the owner)', () => {
    const h = ownerWithInstance();
    h.advanceTo(20_100);
    h.request(21_000, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    h.request(21_500, CLIENT, beat(SVC.demo, '10.1.0.5', true));
    expect(h.tasks()).toEqual([]);
    h.advanceTo(30_000);
    expect(h.timedSends('SYNC_DATUM').filter((s) => s.atMs > 2100)).toEqual([]);
  });

  it('an unknown instance with a light beat → 20404 (no lightBeatEnabled), nothing created', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(100, CLIENT, beat(SVC.demo, '10.1.0.9', false));
    expect(httpAnswer(effects, id)).toEqual({
      type: 'HTTP_RESPONSE',
      status: 200,
      body: { clientBeatInterval: 5000, code: 20404 },
    });
    expect(instanceChanges(effects)).toEqual([]);
    expect(h.addresses(SVC.demo)).toEqual([]);
    expect(h.tasks()).toEqual([]);
  });

  it('an unknown instance with a full beat is re-created from the beat body and replicated', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(300, CLIENT, beat(SVC.demo, '10.1.0.9', true));
    expect(httpAnswer(effects, id).body).toEqual({
      clientBeatInterval: 5000,
      code: 10200,
      lightBeatEnabled: true,
    });
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.9:8080 added`]);
    expect(h.instance(SVC.demo, '10.1.0.9:8080')).toMatchObject({
      weight: 2,
      metadata: { zone: 'z1' },
      healthy: true,
      lastBeatMs: 300,
    });
    expect(h.tasks().map((t) => [t.stage, t.target])).toEqual([
      ['key', A],
      ['key', C],
    ]);
    h.advanceTo(2300);
    const pushes = h.timedSends('SYNC_DATUM');
    expect(pushes.map((p) => [p.atMs, p.envelope.to])).toEqual([
      [2300, A],
      [2300, C],
    ]);
    expect(pushes[0]!.envelope.body.datums[0]!.instances.map((i) => [i.ip, i.weight])).toEqual([
      ['10.1.0.9', 2],
    ]);
  });

  it('a beat for a marked instance refreshes lastBeat but does not flip its health', () => {
    const h = new NodeHarness({ self: B });
    h.request(100, A, {
      type: 'SYNC_DATUM',
      datums: [datum(SVC.demo, [instance(SVC.demo, '10.1.0.5', 8080, { healthy: false, marked: true })])],
    });
    const { effects } = h.request(200, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    expect(instanceChanges(effects)).toEqual([]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')).toMatchObject({ healthy: false, lastBeatMs: 200 });
  });

  it('answers the instance preserved.heart.beat.interval as clientBeatInterval', () => {
    const h = new NodeHarness({ self: B });
    h.register(
      100,
      instanceParams(SVC.demo, '10.1.0.5', 8080, { metadata: { 'preserved.heart.beat.interval': '2000' } }),
    );
    const { id, effects } = h.request(200, CLIENT, beat(SVC.demo, '10.1.0.5', false));
    expect(httpAnswer(effects, id).body).toEqual({
      clientBeatInterval: 2000,
      code: 10200,
      lightBeatEnabled: true,
    });
  });
});

describe('the key of a write is the grouped name in its namespace (reference §2.2)', () => {
  it('stores one Datum per namespace##group@@service key', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.register(100, { ...instanceParams(SVC.demo, '10.1.0.6'), namespace: 'dev' });
    h.advanceTo(2100);
    const keys = h.timedSends('SYNC_DATUM', A).flatMap((s) => s.envelope.body.datums.map((d) => d.key));
    expect(keys).toEqual([keyOf(SVC.demo), keyOf(SVC.demo, 'dev')]);
    expect(keyOf(SVC.demo, 'dev')).toBe('com.alibaba.nacos.naming.iplist.ephemeral.dev##DEFAULT_GROUP@@demo');
    expect(h.addresses(SVC.demo)).toEqual(['10.1.0.5:8080']);
    // The namespace is not part of the Distro tag: B owns demo in both namespaces, nothing is forwarded.
    expect(sends(h.effectsBetween(0), 'REGISTER')).toEqual([]);
  });
});
