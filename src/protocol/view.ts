import type { MemberState } from './io.ts';
import type { Address } from './model.ts';
import type { NodeState } from './state.ts';

/** A plain summary of what a node believes, for checkers, reports and inspectors. */
export interface NodeBelief {
  readonly members: Record<Address, { state: MemberState; failCount: number }>;
  readonly healthyList: readonly Address[];
  /** group@@service → ip:port → healthy */
  readonly instances: Record<string, Record<string, boolean>>;
  readonly initialized: boolean;
}

export function beliefOf(state: NodeState): NodeBelief {
  const members: NodeBelief['members'] = {};
  for (const [address, member] of Object.entries(state.members)) members[address] = { ...member };
  const instances: NodeBelief['instances'] = {};
  for (const service of state.services.values()) {
    if (service.instances.size === 0) continue;
    const flags: Record<string, boolean> = {};
    for (const [address, instance] of service.instances) flags[address] = instance.healthy;
    instances[service.groupedName] = flags;
  }
  return { members, healthyList: [...state.healthyList], instances, initialized: state.initialized };
}
