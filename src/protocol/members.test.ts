import { describe, expect, it } from 'vitest';
import { A, B, C, CLIENT, memberChanges, NodeHarness, sends } from './harness.test-utils.ts';

const PROBE = 'memberProbe';

describe('member probe schedule (reference §3, §1 member report interval)', () => {
  it('probes first 5 s after start, then every 2 s, round robin over the sorted peers', () => {
    const h = new NodeHarness({ self: B, members: [C, B, A] });
    expect(h.timerAt(PROBE)).toBe(5000);
    const times: number[] = [];
    const targets: string[] = [];
    for (let i = 0; i < 5; i++) {
      const effects = h.fire(PROBE);
      const probes = sends(effects, 'MEMBER_REPORT');
      expect(probes).toHaveLength(1);
      times.push(h.nowMs);
      targets.push(probes[0]!.to);
      h.answerHttp(h.nowMs + 10, probes[0]!);
    }
    expect(times).toEqual([5000, 7000, 9000, 11000, 13000]);
    expect(targets).toEqual([A, C, A, C, A]);
  });

  it('sends nothing before 5 s', () => {
    const h = new NodeHarness({ self: B });
    const effects = h.advanceTo(4999);
    expect(sends(effects, 'MEMBER_REPORT')).toEqual([]);
  });

  it('keeps probing every 2 s even while answers are outstanding', () => {
    const h = new NodeHarness({ self: A });
    h.advanceTo(9000);
    expect(h.timedSends('MEMBER_REPORT').map((s) => [s.atMs, s.envelope.to])).toEqual([
      [5000, B],
      [7000, C],
      [9000, B],
    ]);
  });
});

describe('failure detector (reference §3, §13 MemberUtilTest, suggested case 6)', () => {
  function failProbesTo(h: NodeHarness, peer: string, count: number): void {
    for (let i = 0; i < count; i++) h.failNow(h.probeOf(peer), 'timeout');
  }

  it('one timeout → SUSPICIOUS with failCount 1, still in the Distro list', () => {
    const h = new NodeHarness({ self: A });
    const probe = h.probeOf(C);
    const effects = h.failNow(probe, 'timeout');
    expect(h.member(C)).toEqual({ state: 'SUSPICIOUS', failCount: 1 });
    expect(memberChanges(effects)).toEqual([
      { type: 'member', observer: A, subject: C, from: 'UP', to: 'SUSPICIOUS' },
    ]);
    expect(h.state.healthyList).toContain(C);
  });

  it('3 consecutive timeouts keep the member SUSPICIOUS and in the list; the 4th makes it DOWN and removes it', () => {
    const h = new NodeHarness({ self: A });
    failProbesTo(h, C, 3);
    expect(h.member(C)).toEqual({ state: 'SUSPICIOUS', failCount: 3 });
    expect(h.state.healthyList).toEqual([A, B, C]);
    const fourth = h.probeOf(C);
    const effects = h.failNow(fourth, 'timeout');
    expect(h.member(C)).toEqual({ state: 'DOWN', failCount: 4 });
    expect(h.state.healthyList).toEqual([A, B]);
    expect(memberChanges(effects)).toEqual([
      { type: 'member', observer: A, subject: C, from: 'SUSPICIOUS', to: 'DOWN' },
    ]);
  });

  it('records no member event for the 2nd and 3rd failure (state unchanged)', () => {
    const h = new NodeHarness({ self: A });
    failProbesTo(h, C, 1);
    const mark = h.log.length;
    failProbesTo(h, C, 2);
    expect(memberChanges(h.log.slice(mark).map((t) => t.effect))).toEqual([]);
  });

  it('"Connection refused" → DOWN at the first failure', () => {
    const h = new NodeHarness({ self: A });
    const effects = h.failNow(h.probeOf(B), 'refused');
    expect(h.member(B)).toEqual({ state: 'DOWN', failCount: 1 });
    expect(h.state.healthyList).toEqual([A, C]);
    expect(memberChanges(effects)).toEqual([
      { type: 'member', observer: A, subject: B, from: 'UP', to: 'DOWN' },
    ]);
  });

  it('a successful probe makes a DOWN member UP with failCount 0 and restores it in the list', () => {
    const h = new NodeHarness({ self: A });
    failProbesTo(h, C, 4);
    expect(h.member(C)?.state).toBe('DOWN');
    const probe = h.probeOf(C);
    const effects = h.respond(probe, 200, 'ok', 20);
    expect(h.member(C)).toEqual({ state: 'UP', failCount: 0 });
    expect(h.state.healthyList).toEqual([A, B, C]);
    expect(memberChanges(effects)).toEqual([
      { type: 'member', observer: A, subject: C, from: 'DOWN', to: 'UP' },
    ]);
  });

  it('a success resets the count: after it, 3 more timeouts do not make the member DOWN', () => {
    const h = new NodeHarness({ self: A });
    failProbesTo(h, C, 3);
    h.respond(h.probeOf(C));
    expect(h.member(C)).toEqual({ state: 'UP', failCount: 0 });
    failProbesTo(h, C, 3);
    expect(h.member(C)).toEqual({ state: 'SUSPICIOUS', failCount: 3 });
  });

  it('a MEMBER_REPORT received from a DOWN peer makes it UP (failCount 0) and is answered 200', () => {
    const h = new NodeHarness({ self: A });
    h.failNow(h.probeOf(C), 'refused');
    expect(h.member(C)?.state).toBe('DOWN');
    const { id, effects } = h.request(h.nowMs + 100, C, { type: 'MEMBER_REPORT' });
    expect(h.member(C)).toEqual({ state: 'UP', failCount: 0 });
    expect(h.state.healthyList).toEqual([A, B, C]);
    expect(memberChanges(effects)).toEqual([
      { type: 'member', observer: A, subject: C, from: 'DOWN', to: 'UP' },
    ]);
    const answer = sends(effects, 'HTTP_RESPONSE').find((e) => e.replyTo === id);
    expect(answer?.to).toBe(C);
    expect(answer?.body).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });
  });

  it('a MEMBER_REPORT from a SUSPICIOUS peer resets its count even though probes to it fail', () => {
    const h = new NodeHarness({ self: A });
    failProbesTo(h, C, 3);
    h.request(h.nowMs, C, { type: 'MEMBER_REPORT' });
    expect(h.member(C)).toEqual({ state: 'UP', failCount: 0 });
    failProbesTo(h, C, 1);
    expect(h.member(C)).toEqual({ state: 'SUSPICIOUS', failCount: 1 });
  });

  it('ignores a MEMBER_REPORT from an address that is not a member', () => {
    const h = new NodeHarness({ self: A });
    const { effects } = h.request(6000, CLIENT, { type: 'MEMBER_REPORT' });
    expect(memberChanges(effects)).toEqual([]);
    expect(h.memberAddresses()).toEqual([B, C]);
  });

  it('ignores a 404 or 501 answer to a probe (neither success nor failure)', () => {
    const h = new NodeHarness({ self: A });
    h.respond(h.probeOf(B), 404, 'no such api');
    h.respond(h.probeOf(C), 501, 'not implemented');
    expect(h.member(B)).toEqual({ state: 'UP', failCount: 0 });
    expect(h.member(C)).toEqual({ state: 'UP', failCount: 0 });
  });

  it('an answer other than 200 counts as a failure', () => {
    const h = new NodeHarness({ self: A });
    h.respond(h.probeOf(B), 500, 'boom');
    expect(h.member(B)).toEqual({ state: 'SUSPICIOUS', failCount: 1 });
  });
});

describe('cluster.conf changes (reference §3 memberChange, HEAD: new members UP)', () => {
  it('adds a new member UP and forgets a removed one', () => {
    const h = new NodeHarness({ self: A });
    const D = '10.0.0.4:8848';
    h.input(1000, { type: 'membersChanged', members: [A, B, D] });
    expect(h.memberAddresses()).toEqual([B, D]);
    expect(h.member(D)).toEqual({ state: 'UP', failCount: 0 });
    expect(h.state.peers).toEqual([B, D]);
    expect(h.state.healthyList).toEqual([A, B, D]);
  });
});
