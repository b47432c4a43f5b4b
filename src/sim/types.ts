import type { DistroConfig } from '../protocol/config.ts';
import type { InstanceChange, MemberState, TraceEvent } from '../protocol/io.ts';
import type { Envelope, MessageKind, WireType } from '../protocol/messages.ts';
import type { Address } from '../protocol/model.ts';

/** Delivery behaviour of one directed link. */
export interface LinkParams {
  /** Mean one-way delay. */
  readonly latencyMs: number;
  /** Uniform spread around the mean: delay ∈ [latencyMs − jitterMs, latencyMs + jitterMs]. */
  readonly jitterMs: number;
  /** Probability in [0, 1] that a message is lost on the way. */
  readonly lossRate: number;
  /** Probability in [0, 1] that a delivered message arrives twice. */
  readonly duplicateRate: number;
}

export const DEFAULT_LINK: LinkParams = { latencyMs: 20, jitterMs: 5, lossRate: 0, duplicateRate: 0 };

/**
 * running: serves; paused: alive but never answers; killed: the host refuses connections;
 * crashed: its worker threw (treated like killed, with the error kept for the UI).
 */
export type NodeStatus = 'running' | 'paused' | 'killed' | 'crashed';

/** What a simulated 1.x SDK client registers and how it behaves. */
export interface ClientSpec {
  readonly serviceName: string;
  readonly groupName?: string;
  readonly namespace?: string;
  readonly ip: string;
  readonly port: number;
  readonly clusterName?: string;
  readonly weight?: number;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Send light beats (no body) from the first beat on. Real clients switch after the first reply. */
  readonly lightBeat?: boolean;
  /** Send the register to this node first instead of a random one. */
  readonly via?: Address;
}

/** A simulated client as the UI lists it. */
export interface ClientInfo {
  readonly name: string;
  readonly address: Address;
  /** group@@service */
  readonly service: string;
  /** ip:port */
  readonly instance: string;
  readonly alive: boolean;
  readonly registered: boolean;
  readonly lightBeat: boolean;
}

/** The options a World is built from. */
export interface WorldOptions {
  readonly seed: number;
  readonly nodeCount: number;
  readonly config?: Partial<DistroConfig>;
  readonly link?: Partial<LinkParams>;
}

/** What the world itself records: node lifecycle, client actions and faults. */
export type WorldEvent =
  /** A node's process changed status; `started` means a fresh process with empty memory. */
  | {
      readonly type: 'node';
      readonly observer: Address;
      readonly status: NodeStatus | 'started';
      /** For `started`: the member list the node boots with (cluster.conf), self included. */
      readonly members?: readonly Address[];
      readonly detail?: string;
    }
  /** A client action or a fault, in words, for the story of a run. */
  | { readonly type: 'step'; readonly text: string };

/**
 * One recorded observation with the virtual time it happened at. The trace is complete:
 * replaying it from the start rebuilds every node's view (see viewModel.ts), which is how
 * expectations are judged exactly, in any runtime.
 */
export type TraceRecord = (TraceEvent | WorldEvent) & { readonly atMs: number };

/** What the checkers and the report read of one node. */
export interface NodeView {
  readonly address: Address;
  readonly status: NodeStatus;
  readonly members: Readonly<Record<Address, { readonly state: MemberState; readonly failCount: number }>>;
  readonly healthyList: readonly Address[];
  /** group@@service → ip:port → healthy */
  readonly instances: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  readonly initialized: boolean;
}

export interface MessageCounts {
  sent: number;
  delivered: number;
  dropped: number;
}

/** A message's fate, published for message logs and animation. */
export interface MessageRecord {
  readonly envelope: Envelope;
  readonly kind: MessageKind;
  readonly sentAtMs: number;
  /** Arrival time, or the time it died. */
  readonly endAtMs: number;
  readonly fate: 'delivered' | 'lost' | 'cut' | 'refused' | 'unanswered';
}

export type { Address, InstanceChange, MemberState, WireType };
