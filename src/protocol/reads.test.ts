import { describe, expect, it } from 'vitest';
import {
  A,
  B,
  C,
  CLIENT,
  datum,
  httpAnswer,
  instance,
  instanceParams,
  NodeHarness,
  sends,
} from './harness.test-utils.ts';
import type { InstanceListResponse, ServiceListResponse } from './messages.ts';
import type { Instance } from './model.ts';

const SVC = 'DEFAULT_GROUP@@demo';

function listInstances(
  h: NodeHarness,
  atMs: number,
  healthyOnly = false,
  groupedName = SVC,
): InstanceListResponse {
  const { id, effects } = h.request(atMs, CLIENT, {
    type: 'LIST_INSTANCES',
    namespace: 'public',
    groupedName,
    healthyOnly,
  });
  const answer = httpAnswer(effects, id);
  expect(answer.status).toBe(200);
  return answer.body as InstanceListResponse;
}

function listServices(
  h: NodeHarness,
  groupName: string,
  pageNo: number,
  pageSize: number,
): ServiceListResponse {
  const { id, effects } = h.request(h.nowMs, CLIENT, {
    type: 'LIST_SERVICES',
    namespace: 'public',
    groupName,
    pageNo,
    pageSize,
  });
  return httpAnswer(effects, id).body as ServiceListResponse;
}

/** Node A holding a replica of demo with these instances. */
function withInstances(instances: Instance[]): NodeHarness {
  const h = new NodeHarness({ self: A });
  h.request(100, B, { type: 'SYNC_DATUM', datums: [datum(SVC, instances)] });
  return h;
}

function hostFlags(list: InstanceListResponse): string[] {
  return list.hosts.map((host) => `${host.ip}:${host.port} ${host.healthy} ${host.valid}`).sort();
}

describe('GET /instance/list (reference §11.4, 1.x doSrvIpxt)', () => {
  it('answers locally on any node (no forwarding), with the 1.x host fields', () => {
    const h = withInstances([instance(SVC, '10.1.0.5', 8080, { metadata: { k: 'v' }, weight: 2 })]);
    const { effects } = h.request(200, CLIENT, {
      type: 'LIST_INSTANCES',
      namespace: 'public',
      groupedName: SVC,
      healthyOnly: false,
    });
    expect(sends(effects, 'LIST_INSTANCES')).toEqual([]);
    const list = listInstances(h, 300);
    expect(list).toMatchObject({ name: SVC, dom: SVC, clusters: '', cacheMillis: 3000 });
    expect(typeof list.checksum).toBe('string');
    expect(list.hosts).toEqual([
      {
        ip: '10.1.0.5',
        port: 8080,
        valid: true,
        healthy: true,
        marked: false,
        instanceId: `10.1.0.5#8080#DEFAULT#${SVC}`,
        metadata: { k: 'v' },
        enabled: true,
        weight: 2,
        clusterName: 'DEFAULT',
        serviceName: SVC,
        ephemeral: true,
      },
    ]);
  });

  it('carries the remaining 1.x top-level fields', () => {
    const h = withInstances([instance(SVC, '10.1.0.5')]);
    const list = listInstances(h, 300) as unknown as Record<string, unknown>;
    expect(list).toMatchObject({ useSpecifiedURL: false, env: '', metadata: {}, lastRefTime: 300 });
  });

  it('an unknown service gives an empty host list', () => {
    const h = new NodeHarness({ self: A });
    const list = listInstances(h, 100);
    expect(list).toMatchObject({ name: SVC, clusters: '', cacheMillis: 3000, hosts: [] });
  });

  it('drops disabled instances', () => {
    const h = withInstances([instance(SVC, '10.1.0.5'), instance(SVC, '10.1.0.6', 8080, { enabled: false })]);
    expect(hostFlags(listInstances(h, 200))).toEqual(['10.1.0.5:8080 true true']);
  });

  it('shows unhealthy instances as healthy=false, and healthyOnly drops them', () => {
    const h = withInstances([instance(SVC, '10.1.0.5'), instance(SVC, '10.1.0.6', 8080, { healthy: false })]);
    expect(hostFlags(listInstances(h, 200))).toEqual([
      '10.1.0.5:8080 true true',
      '10.1.0.6:8080 false false',
    ]);
    expect(hostFlags(listInstances(h, 200, true))).toEqual(['10.1.0.5:8080 true true']);
  });

  it('protect threshold 0.0: when every instance is unhealthy, all are returned as healthy', () => {
    const h = withInstances([
      instance(SVC, '10.1.0.5', 8080, { healthy: false }),
      instance(SVC, '10.1.0.6', 8080, { healthy: false }),
    ]);
    expect(hostFlags(listInstances(h, 200))).toEqual(['10.1.0.5:8080 true true', '10.1.0.6:8080 true true']);
    // Even for healthyOnly: they moved to the healthy side.
    expect(hostFlags(listInstances(h, 200, true))).toEqual([
      '10.1.0.5:8080 true true',
      '10.1.0.6:8080 true true',
    ]);
  });

  it('protection still drops disabled instances', () => {
    const h = withInstances([
      instance(SVC, '10.1.0.5', 8080, { healthy: false }),
      instance(SVC, '10.1.0.6', 8080, { healthy: false, enabled: false }),
    ]);
    expect(hostFlags(listInstances(h, 200))).toEqual(['10.1.0.5:8080 true true']);
  });

  it('counts disabled instances in the protect-threshold ratio', () => {
    const h = withInstances([
      instance(SVC, '10.1.0.5', 8080, { healthy: false }),
      instance(SVC, '10.1.0.6', 8080, { healthy: true, enabled: false }),
    ]);
    expect(hostFlags(listInstances(h, 200))).toEqual(['10.1.0.5:8080 false false']);
  });

  it('a replica answers from its own (possibly stale) copy', () => {
    const h = new NodeHarness({ self: C });
    h.request(100, B, { type: 'SYNC_DATUM', datums: [datum(SVC, [instance(SVC, '10.1.0.5')])] });
    expect(listInstances(h, 200).hosts.map((host) => host.ip)).toEqual(['10.1.0.5']);
  });
});

describe('GET /service/list (reference §11.5)', () => {
  function withServices(): NodeHarness {
    const h = new NodeHarness({ self: A, members: [A] });
    for (const name of ['gamma', 'alpha', 'beta', 'delta', 'epsilon']) {
      h.register(100, instanceParams(`DEFAULT_GROUP@@${name}`, '10.1.0.1'));
    }
    h.register(100, instanceParams('OTHER@@zeta', '10.1.0.1'));
    h.register(100, { ...instanceParams('DEFAULT_GROUP@@hidden', '10.1.0.1'), namespace: 'dev' });
    return h;
  }

  it('strips the group, counts all, pages from 1', () => {
    const h = withServices();
    expect(listServices(h, 'DEFAULT_GROUP', 1, 2)).toEqual({ count: 5, doms: ['alpha', 'beta'] });
    expect(listServices(h, 'DEFAULT_GROUP', 2, 2)).toEqual({ count: 5, doms: ['delta', 'epsilon'] });
    expect(listServices(h, 'DEFAULT_GROUP', 3, 2)).toEqual({ count: 5, doms: ['gamma'] });
    expect(listServices(h, 'DEFAULT_GROUP', 4, 2)).toEqual({ count: 5, doms: [] });
  });

  it('lists one group only, or every group with "*"', () => {
    const h = withServices();
    expect(listServices(h, 'OTHER', 1, 10)).toEqual({ count: 1, doms: ['zeta'] });
    const all = listServices(h, '*', 1, 10);
    expect(all.count).toBe(6);
    expect([...all.doms].sort()).toEqual(['alpha', 'beta', 'delta', 'epsilon', 'gamma', 'zeta']);
  });

  it('is scoped to the namespace', () => {
    const h = withServices();
    const { id, effects } = h.request(200, CLIENT, {
      type: 'LIST_SERVICES',
      namespace: 'dev',
      groupName: 'DEFAULT_GROUP',
      pageNo: 1,
      pageSize: 10,
    });
    expect(httpAnswer(effects, id).body).toEqual({ count: 1, doms: ['hidden'] });
  });
});
