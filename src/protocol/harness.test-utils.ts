/**
 * Test harness for the protocol step function (not a test file itself: vitest's
 * `src/**\/*.test.ts` glob does not match `*.test-utils.ts`). It drives one node through
 * `createNode` + `step` on a virtual clock, plays the node's own timers the way
 * src/sim/nodeHost.ts does (a timer key holds one due time; setting it again replaces it),
 * and records every effect with the time it was emitted.
 *
 * It lives in src/protocol, so it obeys the core's purity rules (test/purity.test.ts):
 * it imports only protocol files, and no clock, randomness or test framework.
 */
import { type DistroConfig, resolveConfig } from './config.ts';
import type { Effect, FailureReason, NodeInput, NoteCode, TraceEvent } from './io.ts';
import type { BeatInfo, Envelope, InstanceParams, InstanceRef, WireMessage, WireType } from './messages.ts';
import {
  type Address,
  type Datum,
  DEFAULT_CLUSTER,
  DEFAULT_NAMESPACE,
  ephemeralKey,
  type Instance,
  instanceIdOf,
} from './model.ts';
import { createNode, step } from './node.ts';
import type { NodeState } from './state.ts';

/** Three members in cluster.conf order; also their sorted order. */
export const A: Address = '10.0.0.1:8848';
export const B: Address = '10.0.0.2:8848';
export const C: Address = '10.0.0.3:8848';
export const ABC: readonly Address[] = [A, B, C];

/** A client endpoint as the sim names it. */
export const CLIENT: Address = 'client/c1';

/**
 * Services whose owner is known (distroHash % 3 over [A, B, C]; % 2 over two members).
 * Worked out from the hash vectors of reference §4.1 and checked in javaHash.test.ts.
 */
export const SVC = {
  /** owner A in [A,B,C]; index 0 in a list of two */
  orders: 'DEFAULT_GROUP@@orders',
  /** owner A in [A,B,C]; index 1 in a list of two */
  pay: 'DEFAULT_GROUP@@pay',
  /** owner B in [A,B,C]; index 0 in a list of two (reference §4.1 row 1) */
  demo: 'DEFAULT_GROUP@@demo',
  /** owner B in [A,B,C]; index 1 in a list of two (reference §4.1 row 2) */
  orderService: 'DEFAULT_GROUP@@order-service',
  /** owner C in [A,B,C]; index 0 in a list of two (reference §4.1 row 3) */
  userService: 'DEFAULT_GROUP@@user-service',
  /** owner C in [A,B,C]; index 1 in a list of two */
  cart: 'DEFAULT_GROUP@@cart',
} as const;

/** The ephemeral Datum key of a service in the public namespace. */
export function keyOf(groupedName: string, namespace: string = DEFAULT_NAMESPACE): string {
  return ephemeralKey(namespace, groupedName);
}

export function instanceParams(
  groupedName: string,
  ip: string,
  port = 8080,
  extra: Partial<InstanceParams> = {},
): InstanceParams {
  return {
    namespace: DEFAULT_NAMESPACE,
    groupedName,
    ip,
    port,
    clusterName: DEFAULT_CLUSTER,
    weight: 1,
    enabled: true,
    healthy: true,
    metadata: {},
    ...extra,
  };
}

export function instanceRef(groupedName: string, ip: string, port = 8080): InstanceRef {
  return { namespace: DEFAULT_NAMESPACE, groupedName, ip, port, clusterName: DEFAULT_CLUSTER };
}

export function beatInfo(
  groupedName: string,
  ip: string,
  port = 8080,
  extra: Partial<BeatInfo> = {},
): BeatInfo {
  return { ip, port, groupedName, clusterName: DEFAULT_CLUSTER, weight: 1, metadata: {}, ...extra };
}

/** An instance as it travels inside a Datum. */
export function instance(
  groupedName: string,
  ip: string,
  port = 8080,
  extra: Partial<Instance> = {},
): Instance {
  return {
    ip,
    port,
    clusterName: DEFAULT_CLUSTER,
    weight: 1,
    enabled: true,
    metadata: {},
    instanceId: instanceIdOf(ip, port, DEFAULT_CLUSTER, groupedName),
    healthy: true,
    lastBeatMs: 0,
    marked: false,
    ...extra,
  };
}

export function datum(groupedName: string, instances: readonly Instance[]): Datum {
  return { key: keyOf(groupedName), instances };
}

/** An envelope whose body has a given wire type. */
export type EnvelopeOf<T extends WireType> = Envelope & { readonly body: Extract<WireMessage, { type: T }> };

export interface TimedEffect {
  readonly atMs: number;
  readonly effect: Effect;
}

/** Requests the node sent, by wire type (answers included: filter on `replyTo` if needed). */
export function sends<T extends WireType>(
  effects: readonly Effect[],
  type: T,
  to?: Address,
): EnvelopeOf<T>[] {
  const found: EnvelopeOf<T>[] = [];
  for (const effect of effects) {
    if (effect.type !== 'send' || effect.envelope.body.type !== type) continue;
    if (to !== undefined && effect.envelope.to !== to) continue;
    found.push(effect.envelope as EnvelopeOf<T>);
  }
  return found;
}

/** Every message the node put on the network. */
export function allSends(effects: readonly Effect[]): Envelope[] {
  return effects.flatMap((effect) => (effect.type === 'send' ? [effect.envelope] : []));
}

/** Answers the node sent to the request `requestId`. */
export function answersTo(effects: readonly Effect[], requestId: string): Envelope[] {
  return allSends(effects).filter((envelope) => envelope.replyTo === requestId);
}

/** The single HTTP answer to `requestId`; throws when there is none or more than one. */
export function httpAnswer(
  effects: readonly Effect[],
  requestId: string,
): Extract<WireMessage, { type: 'HTTP_RESPONSE' }> {
  const answers = answersTo(effects, requestId);
  if (answers.length !== 1) throw new Error(`expected one answer to ${requestId}, got ${answers.length}`);
  const body = answers[0]!.body;
  if (body.type !== 'HTTP_RESPONSE') throw new Error(`answer to ${requestId} is ${body.type}`);
  return body;
}

export function timersSet(effects: readonly Effect[], key?: string): { key: string; atMs: number }[] {
  const found: { key: string; atMs: number }[] = [];
  for (const effect of effects) {
    if (effect.type !== 'setTimer') continue;
    if (key !== undefined && effect.key !== key) continue;
    found.push({ key: effect.key, atMs: effect.atMs });
  }
  return found;
}

export function traces(effects: readonly Effect[]): TraceEvent[] {
  return effects.flatMap((effect) => (effect.type === 'trace' ? [effect.event] : []));
}

/** `change` events for instances: "service ip:port change". */
export function instanceChanges(effects: readonly Effect[]): string[] {
  return traces(effects).flatMap((event) =>
    event.type === 'instance' ? [`${event.service} ${event.instance} ${event.change}`] : [],
  );
}

export function memberChanges(effects: readonly Effect[]): Extract<TraceEvent, { type: 'member' }>[] {
  return traces(effects).flatMap((event) => (event.type === 'member' ? [event] : []));
}

export function notes(effects: readonly Effect[], code?: NoteCode): Extract<TraceEvent, { type: 'note' }>[] {
  return traces(effects).flatMap((event) =>
    event.type === 'note' && (code === undefined || event.code === code) ? [event] : [],
  );
}

/**
 * Entries of a Map or a Record alike. The node state's containers are an implementation
 * detail that has changed shape before; tests read them only through these accessors.
 */
export function entriesOf<V>(container: ReadonlyMap<string, V> | Readonly<Record<string, V>>): [string, V][] {
  if (container instanceof Map) return [...container.entries()];
  return Object.entries(container as Readonly<Record<string, V>>);
}

function lookup<V>(
  container: ReadonlyMap<string, V> | Readonly<Record<string, V>>,
  key: string,
): V | undefined {
  if (container instanceof Map) return container.get(key);
  return (container as Readonly<Record<string, V>>)[key];
}

/** A service as a test reads it. */
export interface ServiceView {
  readonly key: string;
  readonly hasDatum: boolean;
  /** ip:port → the stored instance (the live object) */
  readonly instances: Readonly<Record<string, Instance>>;
}

/** A delay-engine task as a test reads it. */
export interface TaskView {
  readonly taskKey: string;
  readonly stage: 'key' | 'batch';
  readonly target: Address;
  readonly keys: readonly string[];
  readonly lastProcessMs: number;
  readonly intervalMs: number;
}

export interface HarnessOptions {
  readonly self?: Address;
  readonly members?: readonly Address[];
  readonly config?: Partial<DistroConfig>;
  readonly startMs?: number;
  /** Run the `start` input at construction (default true). */
  readonly start?: boolean;
}

/**
 * One node on a virtual clock. Every input is applied at an explicit time; `advanceTo`
 * fires the node's own timers in due order (ties in the order they were set), exactly as
 * NodeHost does, and returns the effects of everything that ran.
 */
export class NodeHarness {
  readonly state: NodeState;
  readonly self: Address;
  readonly log: TimedEffect[] = [];
  private now: number;
  private readonly timers = new Map<string, { atMs: number; seq: number }>();
  private timerSeq = 0;
  private requestSeq = 0;

  constructor(options: HarnessOptions = {}) {
    this.self = options.self ?? B;
    this.now = options.startMs ?? 0;
    this.state = createNode(this.self, options.members ?? ABC, resolveConfig(options.config), this.now);
    if (options.start ?? true) this.input(this.now, { type: 'start' });
  }

  get nowMs(): number {
    return this.now;
  }

  /** One peer as this node sees it: state and consecutive failures. */
  member(address: Address): { state: string; failCount: number } | undefined {
    const member = lookup(this.state.members, address);
    return member ? { state: member.state, failCount: member.failCount } : undefined;
  }

  /** The peers this node knows, sorted. */
  memberAddresses(): string[] {
    return entriesOf(this.state.members)
      .map(([address]) => address)
      .sort();
  }

  /** The service stored under a grouped name (public namespace), or undefined. */
  service(groupedName: string, namespace: string = DEFAULT_NAMESPACE): ServiceView | undefined {
    const service = lookup(this.state.services, ephemeralKey(namespace, groupedName));
    if (!service) return undefined;
    return {
      key: service.key,
      hasDatum: service.hasDatum,
      instances: Object.fromEntries(entriesOf<Instance>(service.instances)),
    };
  }

  /** One stored instance, or undefined. */
  instance(groupedName: string, address: string): Instance | undefined {
    return this.service(groupedName)?.instances[address];
  }

  /** ip:port of the stored instances of a service, sorted. */
  addresses(groupedName: string): string[] {
    return Object.keys(this.service(groupedName)?.instances ?? {}).sort();
  }

  serviceCount(): number {
    return entriesOf(this.state.services).length;
  }

  /** The delay engine's tasks in insertion order. */
  tasks(): TaskView[] {
    return entriesOf(this.state.delayTasks).map(([taskKey, t]) => ({
      taskKey,
      stage: t.stage,
      target: t.target,
      keys: [...t.keys],
      lastProcessMs: t.lastProcessMs,
      intervalMs: t.intervalMs,
    }));
  }

  /** Requests the node still waits an answer for. */
  pendingCount(): number {
    return entriesOf(this.state.pending).length;
  }

  /** Due time of a pending timer, or undefined. */
  timerAt(key: string): number | undefined {
    return this.timers.get(key)?.atMs;
  }

  pendingTimers(): { key: string; atMs: number }[] {
    return [...this.timers.entries()]
      .map(([key, t]) => ({ key, atMs: t.atMs }))
      .sort((a, b) => a.atMs - b.atMs);
  }

  /** Every effect recorded at or after `fromMs` (and before `toMs` when given). */
  effectsBetween(fromMs: number, toMs: number = Number.POSITIVE_INFINITY): Effect[] {
    return this.log.filter((t) => t.atMs >= fromMs && t.atMs < toMs).map((t) => t.effect);
  }

  /** Sends of one type with the time each was emitted. */
  timedSends<T extends WireType>(type: T, to?: Address): { atMs: number; envelope: EnvelopeOf<T> }[] {
    const found: { atMs: number; envelope: EnvelopeOf<T> }[] = [];
    for (const { atMs, effect } of this.log) {
      for (const envelope of sends([effect], type, to)) found.push({ atMs, envelope });
    }
    return found;
  }

  /** Applies one input at `atMs` (timers due before it fire first). */
  input(atMs: number, input: NodeInput): Effect[] {
    const before = this.advanceTo(atMs, false);
    return [...before, ...this.apply(atMs, input)];
  }

  /**
   * Fires every timer due at or before `atMs` (strictly before when `inclusive` is false),
   * in due order, and moves the clock to `atMs`. Returns what the timers did.
   */
  advanceTo(atMs: number, inclusive = true): Effect[] {
    if (atMs < this.now) throw new Error(`time goes backwards: ${atMs} < ${this.now}`);
    const effects: Effect[] = [];
    for (;;) {
      let nextKey: string | undefined;
      let next: { atMs: number; seq: number } | undefined;
      for (const [key, timer] of this.timers) {
        if (!next || timer.atMs < next.atMs || (timer.atMs === next.atMs && timer.seq < next.seq)) {
          next = timer;
          nextKey = key;
        }
      }
      if (!next || nextKey === undefined) break;
      if (inclusive ? next.atMs > atMs : next.atMs >= atMs) break;
      this.timers.delete(nextKey);
      effects.push(...this.apply(Math.max(next.atMs, this.now), { type: 'timer', key: nextKey }));
    }
    this.now = atMs;
    return effects;
  }

  /** Fires one named timer now, whatever its due time (it must be pending). */
  fire(key: string): Effect[] {
    const timer = this.timers.get(key);
    if (!timer) throw new Error(`no timer ${key}`);
    const effects = this.advanceTo(timer.atMs, false);
    this.timers.delete(key);
    return [...effects, ...this.apply(timer.atMs, { type: 'timer', key })];
  }

  /** Delivers a request from `from` at `atMs`; returns the effects and the request's id. */
  request(
    atMs: number,
    from: Address,
    body: WireMessage,
    timeoutMs = 3000,
  ): { id: string; effects: Effect[] } {
    this.requestSeq += 1;
    const id = `${from}#t${this.requestSeq}`;
    const envelope: Envelope = { id, from, to: this.self, body, timeoutMs };
    return { id, effects: this.input(atMs, { type: 'deliver', envelope }) };
  }

  /** Delivers a one-way message (no timeout). */
  oneWay(atMs: number, from: Address, body: WireMessage): Effect[] {
    this.requestSeq += 1;
    const envelope: Envelope = { id: `${from}#t${this.requestSeq}`, from, to: this.self, body };
    return this.input(atMs, { type: 'deliver', envelope });
  }

  /** Delivers the answer to a request the node sent. */
  answer(atMs: number, request: Envelope, body: WireMessage): Effect[] {
    this.requestSeq += 1;
    const envelope: Envelope = {
      id: `${request.to}#a${this.requestSeq}`,
      from: request.to,
      to: this.self,
      body,
      replyTo: request.id,
    };
    return this.input(atMs, { type: 'deliver', envelope });
  }

  /** Answers a request with an HTTP status. */
  answerHttp(atMs: number, request: Envelope, status = 200, body = 'ok'): Effect[] {
    return this.answer(atMs, request, { type: 'HTTP_RESPONSE', status, body });
  }

  /** Answers `request` with an HTTP status `delayMs` after the current time. */
  respond(request: Envelope, status = 200, body = 'ok', delayMs = 0): Effect[] {
    return this.answerHttp(this.now + delayMs, request, status, body);
  }

  /** Fails `request` `delayMs` after the current time. */
  failNow(request: Envelope, reason: FailureReason = 'timeout', delayMs = 0): Effect[] {
    return this.fail(this.now + delayMs, request, reason);
  }

  /** The network reports that a request the node sent got no answer. */
  fail(atMs: number, request: Envelope, reason: FailureReason = 'timeout'): Effect[] {
    return this.input(atMs, { type: 'requestFailed', requestId: request.id, reason });
  }

  /** Delivers a message the node sent to itself (loopback), as it arrives. */
  loopback(atMs: number, envelope: Envelope): Effect[] {
    if (envelope.to !== this.self) throw new Error(`${envelope.id} is not addressed to ${this.self}`);
    return this.input(atMs, { type: 'deliver', envelope });
  }

  /** Convenience: a client REGISTER at `atMs`. */
  register(atMs: number, params: InstanceParams, from: Address = CLIENT): { id: string; effects: Effect[] } {
    return this.request(atMs, from, { type: 'REGISTER', params, viaPeer: false });
  }

  /**
   * Runs the member probe timer until it probes `peer` (other probes are answered 200),
   * and returns that probe's envelope. The clock ends at the probe's time.
   */
  probeOf(peer: Address): EnvelopeOf<'MEMBER_REPORT'> {
    for (let guard = 0; guard < 50; guard++) {
      const effects = this.fire('memberProbe');
      const probe = sends(effects, 'MEMBER_REPORT')[0];
      if (!probe) throw new Error('the probe timer sent no MEMBER_REPORT');
      if (probe.to === peer) return probe;
      this.respond(probe);
    }
    throw new Error(`no probe to ${peer}`);
  }

  /** Makes `peer` DOWN in this node's view the protocol's way: its next probe is refused. */
  peerDown(peer: Address): Effect[] {
    return this.failNow(this.probeOf(peer), 'refused');
  }

  private apply(atMs: number, input: NodeInput): Effect[] {
    this.now = Math.max(this.now, atMs);
    const effects = step(this.state, input, { nowMs: this.now });
    for (const effect of effects) {
      this.log.push({ atMs: this.now, effect });
      if (effect.type === 'setTimer') {
        this.timerSeq += 1;
        this.timers.set(effect.key, { atMs: Math.max(effect.atMs, this.now), seq: this.timerSeq });
      } else if (effect.type === 'cancelTimer') {
        this.timers.delete(effect.key);
      }
    }
    return effects;
  }
}
