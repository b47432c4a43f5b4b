import type { Address } from '../protocol/model.ts';
import type { Truth } from '../sim/checkers.ts';
import type {
  ClientSpec,
  LinkParams,
  MessageCounts,
  NodeView,
  TraceRecord,
  WorldOptions,
} from '../sim/types.ts';

/**
 * What the scenario runner needs of a world; src/sim/world.ts implements exactly this.
 *
 * Contract on the trace: records reach listeners synchronously, in time order, while
 * runUntil or a command runs. The nodes' first boot (`node` records with status `started`)
 * happens inside the first runUntil, never in the factory, so a listener attached right
 * after creation sees the whole trace. A cluster.conf change after addNode is recorded as a
 * `node` record of each existing node with its current status and the new `members`.
 */
export interface ScenarioWorld {
  readonly nowMs: number;
  readonly seed: number;
  /** All nodes ever added, in n1.. order. */
  nodeAddresses(): readonly Address[];
  /** Processes every event with time < atMs, then nowMs = atMs. */
  runUntil(atMs: number): void;
  /** Records arrive in time order. Returns the unsubscribe function. */
  onTrace(listener: (record: TraceRecord) => void): () => void;
  /** A client name is registered once per run. */
  register(client: string, spec: ClientSpec): void;
  deregister(client: string): void;
  stopClient(client: string): void;
  resumeClient(client: string): void;
  /** The client and these nodes can no longer reach each other (adds to earlier cuts; heal ends all). */
  cutClient(client: string, nodes: readonly Address[]): void;
  kill(node: Address): void;
  restart(node: Address): void;
  pause(node: Address): void;
  resume(node: Address): void;
  addNode(): Address;
  partition(groups: readonly (readonly Address[])[]): void;
  /** One-way: messages from `from` to `to` are lost; the other direction still works. */
  cut(from: Address, to: Address): void;
  heal(): void;
  /** One directed link when both ends are given, every link otherwise. */
  setLink(params: Partial<LinkParams>, from?: Address, to?: Address): void;
  /** The nodes' real state now (for the final report). */
  views(): readonly NodeView[];
  /** Instances whose clients are alive and reach at least one running node, all healthy. */
  truth(): Truth;
  /** By wire type. */
  messageCounts(): Readonly<Record<string, MessageCounts>>;
}

export type WorldFactory = (options: WorldOptions) => ScenarioWorld;
