import { describe, expect, it } from 'vitest';
import { DEFAULT_DISTRO_CONFIG } from './config.ts';
import { A, ABC, B, C, NodeHarness, SVC } from './harness.test-utils.ts';
import { computeHealthyList, isResponsible, mapServer } from './mapper.ts';
import { createNode } from './node.ts';

function nodeWithList(self: string, healthyList: string[]) {
  const state = createNode(self, ABC, DEFAULT_DISTRO_CONFIG, 0);
  state.healthyList = healthyList;
  return state;
}

describe('DistroMapper.responsible / mapSrv (reference §4.1, §13 DistroMapperTest)', () => {
  it('starts with every member of cluster.conf, self included, sorted', () => {
    const state = createNode(C, [C, A, B], DEFAULT_DISTRO_CONFIG, 0);
    expect(state.healthyList).toEqual([A, B, C]);
    expect(computeHealthyList(state)).toEqual([A, B, C]);
  });

  it('with an empty list: responsible for nothing, mapSrv is the local address', () => {
    const state = nodeWithList(B, []);
    expect(isResponsible(state, SVC.demo)).toBe(false);
    expect(isResponsible(state, SVC.orders)).toBe(false);
    expect(mapServer(state, SVC.demo)).toBe(B);
    expect(mapServer(state, SVC.orders)).toBe(B);
  });

  it('with self absent from the list: responsible for everything, mapSrv still hashes over the list', () => {
    const state = nodeWithList(B, [A, C]);
    expect(isResponsible(state, SVC.demo)).toBe(true);
    expect(isResponsible(state, SVC.orders)).toBe(true);
    expect(isResponsible(state, SVC.cart)).toBe(true);
    // orders % 2 = 0 → A; cart % 2 = 1 → C
    expect(mapServer(state, SVC.orders)).toBe(A);
    expect(mapServer(state, SVC.cart)).toBe(C);
  });

  it('answers by index of self in the sorted list', () => {
    const b = nodeWithList(B, [A, B, C]);
    expect(isResponsible(b, SVC.demo)).toBe(true);
    expect(isResponsible(b, SVC.orders)).toBe(false);
    expect(isResponsible(b, SVC.userService)).toBe(false);
    expect(mapServer(b, SVC.orders)).toBe(A);
    expect(mapServer(b, SVC.userService)).toBe(C);
    expect(mapServer(b, SVC.demo)).toBe(B);
  });

  it('keeps a SUSPICIOUS member in the list: its tags stay with it', () => {
    const h = new NodeHarness({ self: B });
    const probe = h.probeOf(C);
    h.fail(h.nowMs, probe, 'timeout');
    expect(h.member(C)).toEqual({ state: 'SUSPICIOUS', failCount: 1 });
    expect(h.state.healthyList).toEqual([A, B, C]);
    expect(mapServer(h.state, SVC.userService)).toBe(C);
    expect(isResponsible(h.state, SVC.userService)).toBe(false);
  });

  it('drops a DOWN member from the list and remaps its tags over the rest', () => {
    const h = new NodeHarness({ self: B });
    h.peerDown(C);
    expect(h.member(C)?.state).toBe('DOWN');
    expect(h.state.healthyList).toEqual([A, B]);
    // user-service: % 2 = 0 → A; cart: % 2 = 1 → B (self); demo: % 2 = 0 → A (moved away from B).
    expect(mapServer(h.state, SVC.userService)).toBe(A);
    expect(isResponsible(h.state, SVC.cart)).toBe(true);
    expect(isResponsible(h.state, SVC.demo)).toBe(false);
    expect(mapServer(h.state, SVC.demo)).toBe(A);
  });

  it('a single-member cluster owns everything', () => {
    const state = createNode(A, [A], DEFAULT_DISTRO_CONFIG, 0);
    expect(state.healthyList).toEqual([A]);
    for (const tag of Object.values(SVC)) {
      expect(isResponsible(state, tag)).toBe(true);
      expect(mapServer(state, tag)).toBe(A);
    }
  });
});
