import type { MemberState } from '../protocol/io.ts';
import { isResponsibleForHash } from '../protocol/mapper.ts';
import type { Address } from '../protocol/model.ts';
import type { NodeState } from '../protocol/state.ts';
import { checksumOf } from '../protocol/store.ts';

/** One instance as the inspector shows it. */
export interface InspectedInstance {
  readonly address: string;
  readonly healthy: boolean;
  readonly lastBeatMs: number;
  readonly weight: number;
  readonly clusterName: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Everything a node knows, as plain data for the node panel. */
export interface NodeInspection {
  readonly address: Address;
  readonly nowMs: number;
  readonly initialized: boolean;
  readonly members: readonly { address: Address; state: MemberState; failCount: number }[];
  readonly healthyList: readonly Address[];
  readonly services: readonly {
    readonly name: string;
    readonly owned: boolean;
    readonly hasDatum: boolean;
    readonly checksum: string;
    readonly instances: readonly InspectedInstance[];
  }[];
  /** Delay-engine tasks: pushes waiting for their interval. */
  readonly syncTasks: readonly { stage: 'key' | 'batch'; target: Address; keys: number; dueMs: number }[];
  readonly pendingRequests: number;
  readonly timers: readonly { key: string; atMs: number }[];
}

export function inspectNode(
  state: NodeState,
  timers: readonly { key: string; atMs: number }[],
  nowMs: number,
): NodeInspection {
  return {
    address: state.self,
    nowMs,
    initialized: state.initialized,
    members: state.peers.map((address) => ({ address, ...state.members[address]! })),
    healthyList: [...state.healthyList],
    services: [...state.services.values()].map((service) => ({
      name: service.groupedName,
      owned: isResponsibleForHash(state, service.tagHash),
      hasDatum: service.hasDatum,
      checksum: checksumOf(service),
      instances: [...service.instances.entries()].map(([address, i]) => ({
        address,
        healthy: i.healthy,
        lastBeatMs: i.lastBeatMs,
        weight: i.weight,
        clusterName: i.clusterName,
        metadata: i.metadata,
      })),
    })),
    syncTasks: [...state.delayTasks.values()].map((task) => ({
      stage: task.stage,
      target: task.target,
      keys: task.keys.length,
      dueMs: task.lastProcessMs + task.intervalMs,
    })),
    pendingRequests: state.pending.size,
    timers: [...timers],
  };
}
