import type { DistroConfig } from '../protocol/config.ts';
import type { Address } from '../protocol/model.ts';
import type { NodeInspection } from '../sim/inspect.ts';
import type { WindowBatch, WindowOutcome } from '../sim/runtime.ts';

/** What the sim worker says to a node worker over the node's MessagePort. */
export type ToNode =
  | {
      readonly type: 'init';
      readonly address: Address;
      readonly members: readonly Address[];
      readonly config: DistroConfig;
      readonly startMs: number;
    }
  | { readonly type: 'window'; readonly id: number; readonly batch: WindowBatch }
  | { readonly type: 'inspect'; readonly id: number };

/** What a node worker answers. */
export type FromNode =
  | { readonly type: 'window'; readonly id: number; readonly outcome: WindowOutcome }
  | { readonly type: 'inspect'; readonly id: number; readonly inspection: NodeInspection | null }
  | { readonly type: 'ready'; readonly address: Address; readonly inWorker: boolean };
