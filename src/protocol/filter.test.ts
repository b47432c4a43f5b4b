import { describe, expect, it } from 'vitest';
import {
  A,
  allSends,
  answersTo,
  B,
  beatInfo,
  CLIENT,
  datum,
  httpAnswer,
  instance,
  instanceChanges,
  instanceParams,
  instanceRef,
  NodeHarness,
  notes,
  SVC,
  sends,
} from './harness.test-utils.ts';

// Node B: owns SVC.demo; SVC.orders belongs to A.

describe('DistroFilter: proxy to the owner (reference §5.1, §13 suggested case 2)', () => {
  it('a non-owner proxies a client write once, with viaPeer=true and the 2 s proxy timeout', () => {
    const h = new NodeHarness({ self: B });
    const params = instanceParams(SVC.orders, '10.1.0.5');
    const { id, effects } = h.register(100, params);
    const forwarded = sends(effects, 'REGISTER');
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.to).toBe(A);
    expect(forwarded[0]!.timeoutMs).toBe(2000);
    expect(forwarded[0]!.body).toEqual({ type: 'REGISTER', params, viaPeer: true });
    // Nothing is answered to the client yet, nothing is stored here.
    expect(answersTo(effects, id)).toEqual([]);
    expect(instanceChanges(effects)).toEqual([]);
    expect(h.serviceCount()).toBe(0);
  });

  it('proxies deregisters and beats too (@CanDistro)', () => {
    const h = new NodeHarness({ self: B });
    const ref = instanceRef(SVC.orders, '10.1.0.5');
    const dereg = h.request(100, CLIENT, { type: 'DEREGISTER', ref, viaPeer: false });
    expect(sends(dereg.effects, 'DEREGISTER', A).map((e) => e.body)).toEqual([
      { type: 'DEREGISTER', ref, viaPeer: true },
    ]);
    const beat = beatInfo(SVC.orders, '10.1.0.5');
    const b = h.request(200, CLIENT, { type: 'BEAT', ref, beat, viaPeer: false });
    expect(sends(b.effects, 'BEAT', A).map((e) => e.body)).toEqual([
      { type: 'BEAT', ref, beat, viaPeer: true },
    ]);
  });

  it('a proxied (viaPeer) request that reaches a non-owner is refused with 400, no second hop', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(100, A, {
      type: 'REGISTER',
      params: instanceParams(SVC.orders, '10.1.0.5'),
      viaPeer: true,
    });
    expect(httpAnswer(effects, id).status).toBe(400);
    expect(answersTo(effects, id)[0]!.to).toBe(A);
    expect(sends(effects, 'REGISTER')).toEqual([]);
    expect(notes(effects, 'forwardRejected')).toHaveLength(1);
    expect(h.serviceCount()).toBe(0);
  });

  it('the owner handles a proxied request itself', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(100, A, {
      type: 'REGISTER',
      params: instanceParams(SVC.demo, '10.1.0.5'),
      viaPeer: true,
    });
    expect(httpAnswer(effects, id)).toEqual({ type: 'HTTP_RESPONSE', status: 200, body: 'ok' });
    expect(instanceChanges(effects)).toEqual([`${SVC.demo} 10.1.0.5:8080 added`]);
  });

  it('relays the owner answer unchanged to the client, replyTo = the client request id', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.request(100, CLIENT, {
      type: 'BEAT',
      ref: instanceRef(SVC.orders, '10.1.0.5'),
      beat: null,
      viaPeer: false,
    });
    const proxy = sends(effects, 'BEAT', A)[0]!;
    const ownerAnswer = {
      type: 'HTTP_RESPONSE',
      status: 200,
      body: { clientBeatInterval: 5000, code: 20404 },
    } as const;
    const relayed = h.answer(130, proxy, ownerAnswer);
    const toClient = answersTo(relayed, id);
    expect(toClient).toHaveLength(1);
    expect(toClient[0]!.to).toBe(CLIENT);
    expect(toClient[0]!.from).toBe(B);
    expect(toClient[0]!.body).toEqual(ownerAnswer);
  });

  it('relays an error status of the owner unchanged (e.g. its 400)', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.register(100, instanceParams(SVC.orders, '10.1.0.5'));
    const proxy = sends(effects, 'REGISTER', A)[0]!;
    const relayed = h.answerHttp(120, proxy, 400, 'receive invalid redirect request from peer');
    expect(httpAnswer(relayed, id)).toEqual({
      type: 'HTTP_RESPONSE',
      status: 400,
      body: 'receive invalid redirect request from peer',
    });
  });

  it('a proxy timeout → 500 to the original client with replyTo = its request id', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.register(100, instanceParams(SVC.orders, '10.1.0.5'));
    const proxy = sends(effects, 'REGISTER', A)[0]!;
    const failed = h.fail(2100, proxy, 'timeout');
    const answer = answersTo(failed, id);
    expect(answer).toHaveLength(1);
    expect(answer[0]!.to).toBe(CLIENT);
    expect(answer[0]!.body.type).toBe('HTTP_RESPONSE');
    expect(httpAnswer(failed, id).status).toBe(500);
    expect(notes(failed, 'proxyFailed')).toHaveLength(1);
  });

  it('a refused proxy → 500 to the original client', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.register(100, instanceParams(SVC.orders, '10.1.0.5'));
    const failed = h.fail(140, sends(effects, 'REGISTER', A)[0]!, 'refused');
    expect(httpAnswer(failed, id).status).toBe(500);
  });

  it('an owner answer arriving after the proxy gave up is not relayed a second time', () => {
    const h = new NodeHarness({ self: B });
    const { id, effects } = h.register(100, instanceParams(SVC.orders, '10.1.0.5'));
    const proxy = sends(effects, 'REGISTER', A)[0]!;
    h.fail(2100, proxy, 'timeout');
    const late = h.answerHttp(2200, proxy, 200, 'ok');
    expect(answersTo(late, id)).toEqual([]);
  });

  it('forwards to the owner in its own view: a SUSPICIOUS owner still receives writes', () => {
    const h = new NodeHarness({ self: B });
    h.failNow(h.probeOf(A), 'timeout');
    expect(h.member(A)?.state).toBe('SUSPICIOUS');
    const { effects } = h.register(h.nowMs, instanceParams(SVC.orders, '10.1.0.5'));
    expect(sends(effects, 'REGISTER').map((e) => e.to)).toEqual([A]);
  });

  it('after the owner is DOWN, the write is handled by the new owner in this view', () => {
    const h = new NodeHarness({ self: B });
    h.peerDown(A);
    // healthyList [B, C]: orders % 2 = 0 → B.
    const { id, effects } = h.register(h.nowMs, instanceParams(SVC.orders, '10.1.0.5'));
    expect(sends(effects, 'REGISTER')).toEqual([]);
    expect(httpAnswer(effects, id).status).toBe(200);
  });
});

describe('warm-up (reference §8 TrafficReviseFilter, nacos.naming.data.warmup)', () => {
  it('with warm-up on, client requests get 503 before the snapshot loads; peers still pass', () => {
    const h = new NodeHarness({ self: B, config: { dataWarmup: true } });
    expect(h.state.initialized).toBe(false);
    const reg = h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    expect(httpAnswer(reg.effects, reg.id).status).toBe(503);
    expect(h.serviceCount()).toBe(0);
    const list = h.request(110, CLIENT, {
      type: 'LIST_INSTANCES',
      namespace: 'public',
      groupedName: SVC.demo,
      healthyOnly: false,
    });
    expect(httpAnswer(list.effects, list.id).status).toBe(503);
    const svcList = h.request(120, CLIENT, {
      type: 'LIST_SERVICES',
      namespace: 'public',
      groupName: 'DEFAULT_GROUP',
      pageNo: 1,
      pageSize: 10,
    });
    expect(httpAnswer(svcList.effects, svcList.id).status).toBe(503);
    // A proxied write from a peer carries the Nacos-Server UA and passes.
    const peer = h.request(130, A, {
      type: 'REGISTER',
      params: instanceParams(SVC.demo, '10.1.0.6'),
      viaPeer: true,
    });
    expect(httpAnswer(peer.effects, peer.id).status).toBe(200);
  });

  it('with warm-up on, a client request at a non-owner gets 503 and is not proxied', () => {
    const h = new NodeHarness({ self: B, config: { dataWarmup: true } });
    const { id, effects } = h.register(100, instanceParams(SVC.orders, '10.1.0.5'));
    expect(httpAnswer(effects, id).status).toBe(503);
    expect(sends(effects, 'REGISTER')).toEqual([]);
  });

  it('with warm-up on, client requests pass once the snapshot has loaded', () => {
    const h = new NodeHarness({ self: B, config: { dataWarmup: true } });
    const query = h.timedSends('SNAPSHOT_QUERY')[0]!.envelope;
    h.answer(50, query, { type: 'DATUMS', datums: [datum(SVC.orders, [instance(SVC.orders, '10.1.0.1')])] });
    expect(h.state.initialized).toBe(true);
    const { id, effects } = h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    expect(httpAnswer(effects, id).status).toBe(200);
  });

  it('with warm-up off (default), a node serves writes before its snapshot has loaded', () => {
    const h = new NodeHarness({ self: B });
    expect(h.state.initialized).toBe(false);
    const { id, effects } = h.register(100, instanceParams(SVC.demo, '10.1.0.5'));
    expect(httpAnswer(effects, id).status).toBe(200);
    expect(allSends(effects).some((e) => e.body.type === 'HTTP_RESPONSE' && e.body.status === 503)).toBe(
      false,
    );
  });
});
