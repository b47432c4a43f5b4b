import type { Envelope } from './messages.ts';
import type { Address } from './model.ts';

/** Member states driven by probing (api/common/NodeState). */
export type MemberState = 'UP' | 'SUSPICIOUS' | 'DOWN';

/** Why a request got no answer: a killed host refuses at once, an unreachable one times out. */
export type FailureReason = 'timeout' | 'refused';

/** Everything that can happen to a node. Time never comes in an input: it is `ctx.nowMs`. */
export type NodeInput =
  /** The process starts with empty memory (first boot or restart). */
  | { readonly type: 'start' }
  /** A timer the node asked for has come due. */
  | { readonly type: 'timer'; readonly key: string }
  /** A request, a one-way message or an answer arrived. */
  | { readonly type: 'deliver'; readonly envelope: Envelope }
  /** A request this node sent got no answer. */
  | {
      readonly type: 'requestFailed';
      readonly requestId: string;
      readonly reason: FailureReason;
    }
  /** cluster.conf changed: the full member list, self included. */
  | { readonly type: 'membersChanged'; readonly members: readonly Address[] };

/** How an instance changed in one node's store. */
export type InstanceChange = 'added' | 'unhealthy' | 'healthy' | 'removed';

/** Protocol happenings worth a line in the story of a run (and a hook for narration). */
export type NoteCode =
  | 'loadSucceeded'
  | 'loadFailed'
  | 'forwardRejected'
  | 'proxyFailed'
  | 'digestDropped'
  | 'digestIgnored'
  | 'staleKeyRemoved'
  | 'syncFailed'
  | 'beatNotFound';

/** What a node observed about itself; the sim stamps time and collects these into the trace. */
export type TraceEvent =
  | {
      readonly type: 'instance';
      readonly observer: Address;
      /** group@@service */
      readonly service: string;
      /** ip:port */
      readonly instance: string;
      readonly change: InstanceChange;
    }
  | {
      readonly type: 'member';
      readonly observer: Address;
      readonly subject: Address;
      readonly from: MemberState;
      readonly to: MemberState;
    }
  | {
      readonly type: 'note';
      readonly observer: Address;
      readonly code: NoteCode;
      readonly detail: string;
    };

/** What a step asks the world to do. */
export type Effect =
  /** Put a message on the network. */
  | { readonly type: 'send'; readonly envelope: Envelope }
  /** Fire `timer` with this key at `atMs`, replacing a timer of the same key. */
  | { readonly type: 'setTimer'; readonly key: string; readonly atMs: number }
  /** Forget the timer with this key. */
  | { readonly type: 'cancelTimer'; readonly key: string }
  /** Record an observation. */
  | { readonly type: 'trace'; readonly event: TraceEvent };

/** The only window onto the world a step gets. */
export interface StepContext {
  readonly nowMs: number;
}
