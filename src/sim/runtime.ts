import type { DistroConfig } from '../protocol/config.ts';
import type { Address } from '../protocol/model.ts';
import type { NodeInspection } from './inspect.ts';
import type { InboundEvent, WindowResult } from './nodeHost.ts';

/** One node's share of a lock-step window: its inbound events and the span they fall in. */
export interface WindowBatch {
  readonly address: Address;
  readonly inbound: readonly InboundEvent[];
  readonly startMs: number;
  readonly endMs: number;
}

/** A node's answer for one window: what it did, or the error that killed its process. */
export type WindowOutcome = WindowResult | { readonly crashed: string };

/**
 * Where the nodes' processes live: in this thread, or each in a Web Worker. The world
 * decides what every node gets in a window and merges what comes back; a runtime only
 * hosts the NodeHosts and carries batches to them and results back.
 */
export interface NodeRuntime {
  /** Results come back synchronously (in-process) or as a promise (workers). */
  readonly synchronous: boolean;
  /** A fresh process with empty memory. */
  spawn(address: Address, members: readonly Address[], config: DistroConfig, startMs: number): void;
  /** The process is gone, and with it its memory. */
  terminate(address: Address): void;
  /** Runs one window on each batch's node; outcomes come back in batch order. */
  runWindow(batches: readonly WindowBatch[]): readonly WindowOutcome[] | Promise<readonly WindowOutcome[]>;
  /** Everything the node knows, for inspectors. */
  inspect(address: Address): NodeInspection | null | Promise<NodeInspection | null>;
  /** Ends every process (a reset, or the page going away). */
  dispose(): void;
}

export function isCrash(outcome: WindowOutcome): outcome is { readonly crashed: string } {
  return 'crashed' in outcome;
}
