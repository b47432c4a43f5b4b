import type { MemberState, TraceEvent } from '../protocol/io.ts';
import { ownerIn } from '../protocol/mapper.ts';
import type { MessageKind } from '../protocol/messages.ts';
import type { Address } from '../protocol/model.ts';
import type { Truth } from './checkers.ts';
import type { ClientInfo, LinkParams, NodeStatus, NodeView } from './types.ts';

/** One node as the UI draws it, as the node itself sees things. */
export interface FrameNode {
  readonly address: Address;
  /** n1, n2, …: scenario names. */
  readonly name: string;
  readonly status: NodeStatus;
  /** Why the node crashed, when it did. */
  readonly error?: string;
  /** Its view of every other member. */
  readonly members: Readonly<Record<Address, MemberState>>;
  readonly healthyList: readonly Address[];
  /** Services (group@@service) it believes it owns. */
  readonly owned: readonly string[];
  /** group@@service → ip:port → healthy, as it holds them. */
  readonly instances: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  readonly initialized: boolean;
}

/** A message to animate: in flight, or ended recently (a dropped one dies visibly). */
export interface FrameMessage {
  readonly id: string;
  readonly kind: MessageKind;
  readonly from: Address;
  readonly to: Address;
  readonly sentAtMs: number;
  readonly endAtMs: number;
  readonly fate: 'delivered' | 'lost' | 'cut' | 'refused' | 'unanswered';
}

/** One line of the message log. */
export interface LogEntry {
  readonly seq: number;
  readonly kind: MessageKind;
  readonly type: string;
  readonly from: Address;
  readonly to: Address;
  readonly sentAtMs: number;
  readonly endAtMs: number;
  readonly fate: FrameMessage['fate'];
  /** `SYNC 10.0.0.2:8848→10.0.0.3:8848 DEFAULT_GROUP@@orders hosts=3` */
  readonly text: string;
  /** The message body as JSON, for the payload view. */
  readonly payload: string;
}

export interface ConvergenceState {
  readonly converged: boolean;
  readonly problems: readonly string[];
  readonly lastFaultAtMs: number | null;
  /** Since when the cluster has been converged (null while it is not). */
  readonly convergedSinceMs: number | null;
  /** The last fault-to-convergence time, kept after it is reached (the stopwatch). */
  readonly lastConvergeMs: number | null;
}

/** How many messages of one kind, sent in one virtual second, ended since the previous frame. */
export interface SentCount {
  /** `Math.floor(sentAtMs / 1000)`. */
  readonly second: number;
  readonly kind: MessageKind;
  readonly count: number;
}

/** Everything the UI needs to draw one moment; published at most once per animation frame. */
export interface Frame {
  readonly seq: number;
  readonly nowMs: number;
  readonly seed: number;
  readonly runtime: 'workers' | 'in-process';
  readonly nodes: readonly FrameNode[];
  readonly clients: readonly ClientInfo[];
  readonly truth: Truth;
  readonly network: {
    readonly partition: readonly (readonly string[])[];
    readonly cuts: readonly (readonly [string, string])[];
    readonly link: LinkParams;
  };
  readonly messages: readonly FrameMessage[];
  /** New log lines since the previous frame: the last 400 at most (a fast run sends more). */
  readonly log: readonly LogEntry[];
  /**
   * Every message that ended (arrived or was dropped) since the previous frame, counted by
   * the virtual second it was sent in and its kind: the rate chart's input, exact however
   * fast the run goes.
   */
  readonly sent: readonly SentCount[];
  /** New trace records since the previous frame. */
  readonly events: readonly (TraceEvent | { type: 'node' | 'step'; [key: string]: unknown })[];
  readonly convergence: ConvergenceState;
  /** Does anything remain scheduled? (false: the run is idle) */
  readonly busy: boolean;
  /** The guided scenario being played, or null. */
  readonly scenario: {
    readonly name: string;
    readonly durationMs: number;
    /** Index of the next step to apply (stepCount when all are applied or the person took over). */
    readonly nextStep: number;
    readonly stepCount: number;
    /** Narration cards fired so far: index into the scenario's narration, and when. */
    readonly fired: readonly { readonly index: number; readonly atMs: number }[];
    /** The expectations' verdicts, once the scenario's end has been reached. */
    readonly results:
      | readonly { readonly pass: boolean; readonly heldAtMs: number | null; readonly message: string }[]
      | null;
  } | null;
}

/** n3 for 10.0.0.3:8848. */
export function nodeNameOf(index: number): string {
  return `n${index + 1}`;
}

/** Builds the frame's node list: each node's own view plus the services it thinks it owns. */
export function frameNodes(views: readonly NodeView[], errors: ReadonlyMap<Address, string>): FrameNode[] {
  return views.map((view, index) => {
    const members: Record<Address, MemberState> = {};
    for (const [address, member] of Object.entries(view.members)) members[address] = member.state;
    const owned = Object.keys(view.instances).filter(
      (service) => ownerIn(service, view.healthyList) === view.address,
    );
    const error = errors.get(view.address);
    return {
      address: view.address,
      name: nodeNameOf(index),
      status: view.status,
      ...(error === undefined ? {} : { error }),
      members,
      healthyList: view.healthyList,
      owned,
      instances: view.instances,
      initialized: view.initialized,
    };
  });
}
