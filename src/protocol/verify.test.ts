import { describe, expect, it } from 'vitest';
import { datumChecksum } from './checksum.ts';
import {
  A,
  B,
  C,
  datum,
  instance,
  instanceChanges,
  instanceParams,
  keyOf,
  NodeHarness,
  notes,
  SVC,
  sends,
} from './harness.test-utils.ts';
import type { Datum } from './model.ts';

// Owners over [A, B, C]: orders/pay → A, demo/orderService → B, userService/cart → C.

const I5 = instance(SVC.demo, '10.1.0.5');
const I6 = instance(SVC.demo, '10.1.0.6');

function push(h: NodeHarness, atMs: number, from: string, datums: Datum[]): void {
  h.request(atMs, from, { type: 'SYNC_DATUM', datums });
}

describe('verify sender (reference §6.4.2 DistroVerifyTask, §13 DistroVerifyTaskTest)', () => {
  it('every 5 s, first at 5 s, sends the MD5 checksums of owned keys only to every peer', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    // A replica of a key A owns: never in B's digest.
    push(h, 200, A, [datum(SVC.orders, [instance(SVC.orders, '10.1.0.9')])]);
    h.advanceTo(15_000);
    const digests = h.timedSends('CHECKSUM');
    expect(digests.map((d) => [d.atMs, d.envelope.to])).toEqual([
      [5000, A],
      [5000, C],
      [10_000, A],
      [10_000, C],
      [15_000, A],
      [15_000, C],
    ]);
    const stored = h.instance(SVC.demo, '10.1.0.5:8080')!;
    expect(digests[0]!.envelope.body.checksums).toEqual({ [keyOf(SVC.demo)]: datumChecksum([stored]) });
    // Fire and forget: no timeout, nothing pending for it.
    expect(digests[0]!.envelope.timeoutMs).toBeUndefined();
  });

  it('sends nothing when it owns no key', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [datum(SVC.demo, [I5])]);
    h.advanceTo(20_000);
    expect(h.timedSends('CHECKSUM')).toEqual([]);
  });

  it('sends to peers in any state, DOWN included', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.peerDown(C); // at 7000; [A, B]: demo % 2 = 0 → A, so use order-service (% 2 = 1 → B)
    h.register(7000, instanceParams(SVC.orderService, '10.1.0.6'));
    h.advanceTo(10_000);
    const at10 = h.timedSends('CHECKSUM').filter((d) => d.atMs === 10_000);
    expect(at10.map((d) => d.envelope.to)).toEqual([A, C]);
    expect(Object.keys(at10[0]!.envelope.body.checksums)).toEqual([keyOf(SVC.orderService)]);
  });

  it('the checksum in the digest follows a health flip', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    h.advanceTo(20_000);
    const before = h.timedSends('CHECKSUM', A).find((d) => d.atMs === 20_000)!.envelope.body.checksums;
    h.advanceTo(25_000); // unhealthy at 20100
    const after = h.timedSends('CHECKSUM', A).find((d) => d.atMs === 25_000)!.envelope.body.checksums;
    expect(after[keyOf(SVC.demo)]).not.toBe(before[keyOf(SVC.demo)]);
    expect(after[keyOf(SVC.demo)]).toBe(datumChecksum([{ ...I5, healthy: false, lastBeatMs: 100 }]));
  });
});

describe('verify receiver (reference §6.4.2 onReceiveChecksums, §13 suggested case 5)', () => {
  it('pulls mismatching and missing keys from the sender; matching keys are left alone', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [datum(SVC.demo, [I5])]);
    push(h, 100, C, [datum(SVC.userService, [instance(SVC.userService, '10.2.0.1')])]);
    const effects = h.oneWay(6000, B, {
      type: 'CHECKSUM',
      checksums: {
        [keyOf(SVC.demo)]: datumChecksum([I5, I6]),
        [keyOf(SVC.orderService)]: 'abc',
      },
    });
    const pulls = sends(effects, 'DATUM_QUERY');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.to).toBe(B);
    expect(pulls[0]!.timeoutMs).toBe(3000);
    expect(pulls[0]!.body.keys).toEqual([keyOf(SVC.demo), keyOf(SVC.orderService)]);
    expect(instanceChanges(effects)).toEqual([]);
  });

  it('sends no pull when every checksum matches', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [datum(SVC.demo, [I5])]);
    const stored = h.instance(SVC.demo, '10.1.0.5:8080')!;
    const effects = h.oneWay(6000, B, {
      type: 'CHECKSUM',
      checksums: { [keyOf(SVC.demo)]: datumChecksum([stored]) },
    });
    expect(sends(effects, 'DATUM_QUERY')).toEqual([]);
  });

  it('removes keys the sender owns (in the receiver view) but omitted; keeps keys others own', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [
      datum(SVC.demo, [I5]),
      datum(SVC.orderService, [instance(SVC.orderService, '10.1.0.7')]),
    ]);
    push(h, 100, C, [datum(SVC.userService, [instance(SVC.userService, '10.2.0.1')])]);
    const stored = h.instance(SVC.demo, '10.1.0.5:8080')!;
    const effects = h.oneWay(6000, B, {
      type: 'CHECKSUM',
      checksums: { [keyOf(SVC.demo)]: datumChecksum([stored]) },
    });
    expect(instanceChanges(effects)).toEqual([`${SVC.orderService} 10.1.0.7:8080 removed`]);
    expect(notes(effects, 'staleKeyRemoved')).toHaveLength(1);
    expect(h.service(SVC.orderService)?.hasDatum).toBe(false);
    expect(h.addresses(SVC.userService)).toEqual(['10.2.0.1:8080']);
    expect(h.addresses(SVC.demo)).toEqual(['10.1.0.5:8080']);
    expect(sends(effects, 'DATUM_QUERY')).toEqual([]);
  });

  it('ignores the whole digest when it owns a key in it: nothing pulled, nothing removed', () => {
    const h = new NodeHarness({ self: A });
    h.register(100, instanceParams(SVC.orders, '10.1.0.1')); // A owns orders
    push(h, 100, B, [datum(SVC.orderService, [instance(SVC.orderService, '10.1.0.7')])]);
    const effects = h.oneWay(6000, B, {
      type: 'CHECKSUM',
      checksums: { [keyOf(SVC.demo)]: 'mismatch', [keyOf(SVC.orders)]: 'other' },
    });
    expect(notes(effects, 'digestIgnored')).toHaveLength(1);
    expect(sends(effects, 'DATUM_QUERY')).toEqual([]);
    expect(instanceChanges(effects)).toEqual([]);
    expect(h.addresses(SVC.orderService)).toEqual(['10.1.0.7:8080']);
  });

  it('ignores the whole digest when it owns a key in it even if it does not hold that key', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [datum(SVC.orderService, [instance(SVC.orderService, '10.1.0.7')])]);
    const effects = h.oneWay(6000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.orders)]: 'x' } });
    expect(notes(effects, 'digestIgnored')).toHaveLength(1);
    expect(sends(effects, 'DATUM_QUERY')).toEqual([]);
    expect(h.addresses(SVC.orderService)).toEqual(['10.1.0.7:8080']);
  });

  it('drops a digest from a sender while a pull from it is in flight, and accepts again after the answer', () => {
    const h = new NodeHarness({ self: A });
    const first = h.oneWay(6000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.demo)]: 'x' } });
    const pull = sends(first, 'DATUM_QUERY')[0]!;
    const dropped = h.oneWay(6500, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.orderService)]: 'y' } });
    expect(notes(dropped, 'digestDropped')).toHaveLength(1);
    expect(sends(dropped, 'DATUM_QUERY')).toEqual([]);
    // Another sender is not blocked.
    const fromC = h.oneWay(6600, C, { type: 'CHECKSUM', checksums: { [keyOf(SVC.cart)]: 'z' } });
    expect(sends(fromC, 'DATUM_QUERY').map((q) => q.to)).toEqual([C]);
    // The answer frees B.
    h.answer(6700, pull, { type: 'DATUMS', datums: [datum(SVC.demo, [I5])] });
    const again = h.oneWay(7000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.orderService)]: 'y' } });
    expect(notes(again, 'digestDropped')).toEqual([]);
    expect(sends(again, 'DATUM_QUERY').map((q) => q.body.keys)).toEqual([[keyOf(SVC.orderService)]]);
  });

  it('accepts digests from the sender again after the pull failed', () => {
    const h = new NodeHarness({ self: A });
    const first = h.oneWay(6000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.demo)]: 'x' } });
    h.fail(9000, sends(first, 'DATUM_QUERY')[0]!, 'timeout');
    const again = h.oneWay(11_000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.demo)]: 'x' } });
    expect(notes(again, 'digestDropped')).toEqual([]);
    expect(sends(again, 'DATUM_QUERY')).toHaveLength(1);
  });

  it('applies the pulled Datums keeping local healthy flags; new instances take the sender flag', () => {
    const h = new NodeHarness({ self: A });
    push(h, 100, B, [datum(SVC.demo, [I5, I6])]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')!.healthy).toBe(true);
    const first = h.oneWay(6000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.demo)]: 'x' } });
    const applied = h.answer(6050, sends(first, 'DATUM_QUERY')[0]!, {
      type: 'DATUMS',
      datums: [
        datum(SVC.demo, [
          instance(SVC.demo, '10.1.0.5', 8080, { healthy: false, weight: 2 }),
          instance(SVC.demo, '10.1.0.7', 8080, { healthy: false }),
        ]),
      ],
    });
    expect(instanceChanges(applied)).toEqual([
      `${SVC.demo} 10.1.0.6:8080 removed`,
      `${SVC.demo} 10.1.0.7:8080 added`,
      `${SVC.demo} 10.1.0.7:8080 unhealthy`,
    ]);
    expect(h.instance(SVC.demo, '10.1.0.5:8080')).toMatchObject({ healthy: true, weight: 2 });
    expect(h.instance(SVC.demo, '10.1.0.7:8080')!.healthy).toBe(false);
  });

  it('a pulled key unknown before is created', () => {
    const h = new NodeHarness({ self: A });
    const first = h.oneWay(6000, B, { type: 'CHECKSUM', checksums: { [keyOf(SVC.demo)]: 'x' } });
    const applied = h.answer(6050, sends(first, 'DATUM_QUERY')[0]!, {
      type: 'DATUMS',
      datums: [datum(SVC.demo, [I5])],
    });
    expect(instanceChanges(applied)).toEqual([`${SVC.demo} 10.1.0.5:8080 added`]);
  });
});

describe('the owner answers a pull and a snapshot (reference §6.5)', () => {
  it('DATUM_QUERY → the held Datums of the asked keys', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    push(h, 100, A, [datum(SVC.orders, [instance(SVC.orders, '10.1.0.9')])]);
    const { id, effects } = h.request(200, A, {
      type: 'DATUM_QUERY',
      keys: [keyOf(SVC.demo), keyOf(SVC.cart)],
    });
    const answer = sends(effects, 'DATUMS').find((e) => e.replyTo === id)!;
    expect(answer.to).toBe(A);
    expect(answer.body.datums.map((d) => [d.key, d.instances.map((i) => i.ip)])).toEqual([
      [keyOf(SVC.demo), ['10.1.0.5']],
    ]);
  });

  it('SNAPSHOT_QUERY → every Datum held, owned or not', () => {
    const h = new NodeHarness({ self: B });
    h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    push(h, 100, A, [datum(SVC.orders, [instance(SVC.orders, '10.1.0.9')])]);
    const { id, effects } = h.request(200, C, { type: 'SNAPSHOT_QUERY' });
    const answer = sends(effects, 'DATUMS').find((e) => e.replyTo === id)!;
    expect(answer.body.datums.map((d) => d.key).sort()).toEqual([keyOf(SVC.demo), keyOf(SVC.orders)].sort());
  });
});
