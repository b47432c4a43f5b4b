import type { DistroConfig } from './config.ts';
import type { MemberState } from './io.ts';
import type { Address, Instance } from './model.ts';

/** One peer as this node sees it (core/cluster/Member). */
export interface MemberInfo {
  state: MemberState;
  /** Consecutive failed probes; reset by any success. */
  failCount: number;
}

/**
 * A service as the node holds it: the Service object with its instances, and whether the
 * Distro store has a Datum for it. A verify can delete the Datum while the Service stays
 * (reference §6.4.2, issue #7734), so the two are tracked apart.
 */
export interface ServiceState {
  readonly key: string;
  readonly namespace: string;
  /** group@@service: the Distro tag. */
  readonly groupedName: string;
  /** distroHash(groupedName), kept because every verify asks who owns every service. */
  readonly tagHash: number;
  /** ip:port → instance */
  instances: Map<string, Instance>;
  hasDatum: boolean;
  /** The Datum checksum, cached until the instances change. */
  checksum: string | null;
  /** The health-status channel's service checksum, cached likewise. */
  statusChecksum: string | null;
  /**
   * When the service was created: its beat check runs at this time plus whole intervals.
   * Only an owner keeps the check's timer armed (see beatCheck.ts).
   */
  readonly createdAtMs: number;
  beatCheckArmed: boolean;
}

/**
 * A task of the delay engine (NacosDelayTaskExecuteEngine). A `key` task is the per-key
 * stage; a `batch` task is the 1.x combined-key stage that finally sends.
 */
export interface DelayTask {
  readonly stage: 'key' | 'batch';
  readonly target: Address;
  /** The one key of a key task, or the union a batch task collected. */
  keys: string[];
  lastProcessMs: number;
  intervalMs: number;
}

/** What to do when the answer to a request arrives, or does not. */
export type PendingRequest =
  | { readonly kind: 'probe'; readonly target: Address }
  | {
      readonly kind: 'proxy';
      readonly client: Address;
      readonly clientRequestId: string;
      readonly target: Address;
    }
  | { readonly kind: 'sync'; readonly target: Address; readonly keys: readonly string[] }
  | { readonly kind: 'pull'; readonly source: Address }
  | { readonly kind: 'load'; readonly target: Address }
  | { readonly kind: 'statuses'; readonly source: Address; readonly key: string }
  /** Nobody waits for the answer (the beat check's own DELETE). */
  | { readonly kind: 'ignore' };

/** Everything one Distro node remembers. Lost when the process dies. */
export interface NodeState {
  readonly self: Address;
  readonly config: DistroConfig;
  readonly startedAtMs: number;
  /** Every other member from cluster.conf, whatever its state. */
  members: Record<Address, MemberInfo>;
  /** The other members' addresses, sorted: the probe's round-robin order. */
  peers: Address[];
  probeCursor: number;
  /** DistroMapper's sorted list of UP and SUSPICIOUS members, self included. */
  healthyList: Address[];
  /** Maps, not records: V8 enumerates large dictionary objects slowly, and verify enumerates every service. */
  services: Map<string, ServiceState>;
  delayTasks: Map<string, DelayTask>;
  /** Global sequence of the 1.x combined-key batches. */
  batchSeq: number;
  /** When the delay engine's next scan is scheduled, or null when it has nothing to do. */
  delayTickAtMs: number | null;
  pending: Map<string, PendingRequest>;
  nextMessageSeq: number;
  /** Sources whose checksum digest is being processed (the per-source guard). */
  checksumInProcess: Set<Address>;
  /** The snapshot load succeeded. */
  initialized: boolean;
  /** Index in `peers` of the member the running snapshot load is asking. */
  loadCursor: number;
}

export function createNodeState(
  self: Address,
  allMembers: readonly Address[],
  config: DistroConfig,
  nowMs: number,
): NodeState {
  const peers = allMembers.filter((address) => address !== self).sort();
  const members: Record<Address, MemberInfo> = {};
  // Nacos 2.0.1+ / HEAD keeps a parsed member UP until a probe says otherwise (reference §3).
  for (const peer of peers) members[peer] = { state: 'UP', failCount: 0 };
  return {
    self,
    config,
    startedAtMs: nowMs,
    members,
    peers,
    probeCursor: -1,
    healthyList: [...peers, self].sort(),
    services: new Map(),
    delayTasks: new Map(),
    batchSeq: 0,
    delayTickAtMs: null,
    pending: new Map(),
    nextMessageSeq: 0,
    checksumInProcess: new Set(),
    initialized: false,
    loadCursor: 0,
  };
}
