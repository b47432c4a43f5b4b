import { mapServerForHash } from './mapper.ts';
import type { Address } from './model.ts';
import type { NodeState, ServiceState } from './state.ts';

interface OwnerIndex {
  readonly healthyList: readonly Address[];
  readonly serviceCount: number;
  readonly byOwner: Map<Address, ServiceState[]>;
}

/**
 * A memo of "which local services does each member own, in this node's view". Every digest
 * asks it for the sender's services, which would otherwise mean a pass over the whole
 * store per digest (N² × services per interval in a large cluster). It is rebuilt when the
 * healthy list is replaced or a service appears (services are never deleted), so it can
 * never be stale, and it lives beside the state, not in it, so checkpoints stay plain data.
 */
const indexes = new WeakMap<NodeState, OwnerIndex>();

export function servicesOwnedBy(state: NodeState, owner: Address): readonly ServiceState[] {
  let index = indexes.get(state);
  if (!index || index.healthyList !== state.healthyList || index.serviceCount !== state.services.size) {
    index = build(state);
    indexes.set(state, index);
  }
  return index.byOwner.get(owner) ?? [];
}

function build(state: NodeState): OwnerIndex {
  const byOwner = new Map<Address, ServiceState[]>();
  for (const service of state.services.values()) {
    const owner = mapServerForHash(state, service.tagHash);
    const list = byOwner.get(owner);
    if (list) list.push(service);
    else byOwner.set(owner, [service]);
  }
  return { healthyList: state.healthyList, serviceCount: state.services.size, byOwner };
}
