import { serviceStatusChecksum } from './checksum.ts';
import type { InstanceListResponse, ListedHost, ServiceListResponse } from './messages.ts';
import { GROUP_SEPARATOR, type Instance } from './model.ts';
import type { NodeState } from './state.ts';
import { serviceKey } from './store.ts';

const LIST_CACHE_MS = 3000;
/** Service.protectThreshold default. */
const PROTECT_THRESHOLD = 0;

/**
 * GET /instance/list, answered from the local copy by any node (so it can be stale).
 * With the default protect threshold 0.0, a service whose instances are all unhealthy is
 * returned with every instance shown healthy; the ratio counts disabled instances too,
 * which are dropped only when the host list is written (doSrvIpxt).
 */
export function listInstances(
  state: NodeState,
  namespace: string,
  groupedName: string,
  healthyOnly: boolean,
  nowMs: number,
): InstanceListResponse {
  const service = state.services.get(serviceKey(namespace, groupedName));
  const all = service ? [...service.instances.values()] : [];
  const healthyCount = all.filter((instance) => instance.healthy).length;
  const protect = all.length > 0 && healthyCount / all.length <= PROTECT_THRESHOLD;
  const hosts = all
    .filter((instance) => instance.enabled)
    .map((instance) => toHost(instance, groupedName, protect || instance.healthy))
    .filter((host) => !healthyOnly || host.healthy);
  return {
    name: groupedName,
    dom: groupedName,
    clusters: '',
    cacheMillis: LIST_CACHE_MS,
    lastRefTime: nowMs,
    checksum: service ? serviceStatusChecksum(groupedName, all) : '',
    useSpecifiedURL: false,
    env: '',
    metadata: {},
    hosts,
  };
}

function toHost(instance: Instance, groupedName: string, healthy: boolean): ListedHost {
  return {
    ip: instance.ip,
    port: instance.port,
    valid: healthy,
    healthy,
    marked: instance.marked,
    instanceId: instance.instanceId,
    metadata: { ...instance.metadata },
    enabled: instance.enabled,
    weight: instance.weight,
    clusterName: instance.clusterName,
    serviceName: groupedName,
    ephemeral: true,
  };
}

/** GET /service/list: names without the group prefix, sorted, paged from 1; "*" lists every group. */
export function listServices(
  state: NodeState,
  namespace: string,
  groupName: string,
  pageNo: number,
  pageSize: number,
): ServiceListResponse {
  const names: string[] = [];
  for (const service of state.services.values()) {
    if (service.namespace !== namespace) continue;
    const at = service.groupedName.indexOf(GROUP_SEPARATOR);
    const group = service.groupedName.slice(0, at);
    if (groupName !== '*' && group !== groupName) continue;
    names.push(service.groupedName.slice(at + GROUP_SEPARATOR.length));
  }
  names.sort();
  const start = (Math.max(pageNo, 1) - 1) * pageSize;
  return { count: names.length, doms: names.slice(start, start + pageSize) };
}
