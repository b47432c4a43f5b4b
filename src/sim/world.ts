import { type DistroConfig, resolveConfig } from '../protocol/config.ts';
import type { FailureReason, NodeInput } from '../protocol/io.ts';
import { type Envelope, kindOf, type MessageKind } from '../protocol/messages.ts';
import type { Address } from '../protocol/model.ts';
import { beliefOf } from '../protocol/view.ts';
import type { Truth } from './checkers.ts';
import { CLIENT_REQUEST_TIMEOUT_MS, type ClientPort, SimClient } from './client.ts';
import { EventQueue } from './eventQueue.ts';
import { InProcessRuntime } from './inProcessRuntime.ts';
import type { NodeInspection } from './inspect.ts';
import { NetworkModel } from './network.ts';
import type { InboundEvent, WindowResult } from './nodeHost.ts';
import { Rng } from './rng.ts';
import { isCrash, type NodeRuntime, type WindowBatch, type WindowOutcome } from './runtime.ts';
import { TimeoutBook } from './timeouts.ts';
import {
  type ClientInfo,
  type ClientSpec,
  DEFAULT_LINK,
  type LinkParams,
  type MessageCounts,
  type MessageRecord,
  type NodeStatus,
  type NodeView,
  type TraceRecord,
  type WorldOptions,
} from './types.ts';
import { ViewModel } from './viewModel.ts';

/** n1 → 10.0.0.1:8848: addresses as a cluster.conf would list them. */
export function nodeAddress(index: number): Address {
  return `10.0.0.${index}:8848`;
}

/**
 * What the world schedules for itself; node timers live in each NodeHost. Each task is
 * ranked by the time it was created (a message by its send time), so ties between tasks
 * due at the same ms are broken the same way however the run was cut into windows.
 */
type WorldTask =
  | { readonly kind: 'arrive'; readonly envelope: Envelope; readonly sentAtMs: number }
  | { readonly kind: 'refused'; readonly requestId: string }
  | { readonly kind: 'beat'; readonly client: SimClient; readonly generation: number };

interface NodeSlot {
  readonly address: Address;
  readonly index: number;
  status: NodeStatus;
  nextTimerAtMs: number;
  inbound: InboundEvent[];
  /** When the node last resumed: overdue timers fire then, not in the past. */
  resumedAtMs: number;
}

/**
 * The simulated world: nodes, clients and the network, driven by one virtual clock.
 * Time advances in lock-step windows no wider than the smallest network delay, so events
 * at different nodes inside one window cannot affect each other; each node runs its window
 * on its own and the outputs are merged in a fixed order. That is what lets the nodes run in
 * Web Workers and still give the same trace as in-process.
 */
export class World {
  readonly seed: number;
  readonly config: DistroConfig;
  private clock = 0;
  /** World tasks plus node inputs processed so far (node inputs of killed hosts included). */
  private eventsProcessed = 0;
  private booted = false;
  private readonly rng: Rng;
  private readonly network: NetworkModel;
  private readonly queue = new EventQueue<WorldTask>();
  private readonly slots: NodeSlot[] = [];
  private readonly slotByAddress = new Map<Address, NodeSlot>();
  private readonly clients = new Map<string, SimClient>();
  private readonly clientByAddress = new Map<Address, SimClient>();
  private readonly beatGeneration = new Map<SimClient, number>();
  /** Requests waiting for an answer: id → who sent it. */
  private readonly pending = new Map<string, Address>();
  private readonly timeouts = new TimeoutBook();
  private readonly isWaiting = (requestId: string): boolean => this.pending.has(requestId);
  private readonly counts: Record<string, MessageCounts> = {};
  private readonly traceListeners = new Set<(record: TraceRecord) => void>();
  private readonly messageListeners = new Set<(record: MessageRecord) => void>();
  /**
   * The kind of each request still waiting, kept only while someone listens to messages, so
   * an answer takes its request's kind (a sync's 200 is sync traffic, not client traffic).
   */
  private readonly requestKinds = new Map<string, MessageKind>();
  private readonly clientPort: ClientPort;
  private readonly shortestTimeoutMs: number;
  /** Reused every window: the results of the nodes that ran, in node order. */
  private readonly windowResults: WindowResult[] = [];

  private readonly runtime: NodeRuntime;
  /** Views rebuilt from the trace, kept only when the runtime cannot be read synchronously. */
  private readonly traceViews: ViewModel | null;
  private readonly batches: WindowBatch[] = [];
  private readonly batchSlots: NodeSlot[] = [];
  /** Bumped by every change the truth depends on; see truth(). */
  private truthVersion = 0;
  private truthCache: { readonly version: number; readonly truth: Truth } | null = null;
  /** The clients' server list (every node, in order), replaced when a node is added. */
  private serverList: readonly Address[];

  constructor(options: WorldOptions, runtime: NodeRuntime = new InProcessRuntime()) {
    this.runtime = runtime;
    this.traceViews = runtime instanceof InProcessRuntime ? null : new ViewModel();
    this.seed = options.seed;
    this.config = resolveConfig(options.config);
    this.rng = new Rng(options.seed);
    this.network = new NetworkModel(this.rng.derive('network'), { ...DEFAULT_LINK, ...options.link });
    const c = this.config;
    this.shortestTimeoutMs = Math.min(
      c.proxyTimeoutMs,
      c.memberProbeTimeoutMs,
      c.syncTimeoutMs,
      c.verifyPullTimeoutMs,
      c.loadTimeoutMs,
      c.serviceStatusPullTimeoutMs,
      CLIENT_REQUEST_TIMEOUT_MS,
    );
    this.clientPort = {
      servers: () => this.serverList,
      send: (envelope) => this.route(envelope, this.clock),
      scheduleBeat: (client, atMs) => this.scheduleBeat(client, atMs),
    };
    for (let i = 1; i <= options.nodeCount; i++) this.slots.push(this.newSlot(nodeAddress(i), i));
    this.serverList = this.nodeAddresses();
  }

  /**
   * The nodes start at the first call that advances or changes the world, not in the
   * constructor, so a listener subscribed right after construction sees their `started`
   * records and can rebuild every view from the trace alone.
   */
  private bootOnce(): void {
    if (this.booted) return;
    this.booted = true;
    for (const slot of this.slots) this.boot(slot);
  }

  get nowMs(): number {
    return this.clock;
  }

  nodeAddresses(): readonly Address[] {
    return this.slots.map((slot) => slot.address);
  }

  onTrace(listener: (record: TraceRecord) => void): () => void {
    this.traceListeners.add(listener);
    return () => this.traceListeners.delete(listener);
  }

  /** Every message's fate; subscribe only when needed, it costs a record per message. */
  onMessage(listener: (record: MessageRecord) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /**
   * Processes every event before `atMs`; afterwards the clock reads `atMs`. The last window
   * is cut at `atMs`, so a step applied next happens exactly then. Needs a synchronous runtime.
   */
  runUntil(atMs: number): void {
    this.drive(this.windows(atMs, true));
  }

  /** `runUntil` for any runtime. */
  runUntilAsync(atMs: number): Promise<void> {
    return this.driveAsync(this.windows(atMs, true));
  }

  /**
   * Runs whole windows while the next one starts before `targetMs`, so the clock may end a
   * little past it. Pacing uses this: however wall time slices the run, the windows are the
   * ones `runUntil` would cut at the same step times, so the trace does not depend on speed.
   * With nothing to do before the target, the clock moves to the target.
   */
  advance(targetMs: number): void {
    this.drive(this.windows(targetMs, false));
  }

  advanceAsync(targetMs: number): Promise<void> {
    return this.driveAsync(this.windows(targetMs, false));
  }

  /** When the next window would start (Infinity when nothing is scheduled). */
  nextEventAtMs(): number {
    this.bootOnce();
    return this.nextEventMs();
  }

  /** Runs exactly one window, the next one with something in it; false when there is none. */
  async stepWindowAsync(): Promise<boolean> {
    this.bootOnce();
    const startMs = this.nextEventMs();
    if (startMs === Number.POSITIVE_INFINITY) return false;
    await this.driveAsync(this.windows(startMs + 1, false));
    return true;
  }

  private drive(windows: Generator<readonly WindowBatch[], void, readonly WindowOutcome[]>): void {
    let next = windows.next();
    while (!next.done) {
      const outcomes = this.runtime.runWindow(next.value);
      if (!Array.isArray(outcomes)) throw new Error('this runtime is asynchronous: use the *Async methods');
      next = windows.next(outcomes as readonly WindowOutcome[]);
    }
  }

  private async driveAsync(
    windows: Generator<readonly WindowBatch[], void, readonly WindowOutcome[]>,
  ): Promise<void> {
    let next = windows.next();
    while (!next.done) next = windows.next(await this.runtime.runWindow(next.value));
  }

  /** The lock-step loop; it yields each window's batches and gets the nodes' outcomes back. */
  private *windows(
    targetMs: number,
    cut: boolean,
  ): Generator<readonly WindowBatch[], void, readonly WindowOutcome[]> {
    this.bootOnce();
    for (;;) {
      const startMs = this.nextEventMs();
      if (startMs >= targetMs) break;
      const fullEndMs = startMs + this.windowWidthMs();
      const endMs = cut ? Math.min(fullEndMs, targetMs) : fullEndMs;
      const batches = this.openWindow(startMs, endMs);
      const outcomes = batches.length > 0 ? yield batches : [];
      this.closeWindow(endMs, outcomes);
    }
    this.clock = Math.max(this.clock, targetMs);
  }

  /**
   * A window may be no wider than the shortest network delay, so a message sent in it
   * arrives after it, and no wider than the shortest request timeout, so a timeout set in
   * it fires after it: both are scheduled when the window's output is merged.
   */
  private windowWidthMs(): number {
    return Math.max(1, Math.min(this.network.minDelayMs(), this.shortestTimeoutMs));
  }

  private nextEventMs(): number {
    this.timeouts.seal();
    let next = Math.min(this.queue.peekTime(), this.timeouts.nextAtMs(this.isWaiting));
    for (const slot of this.slots) {
      if (slot.status !== 'running') continue;
      if (slot.nextTimerAtMs < next) next = slot.nextTimerAtMs;
      const inbound = slot.inbound[0];
      if (inbound && inbound.atMs < next) next = inbound.atMs;
    }
    return next;
  }

  /** A window's first half: world events in time order, then each busy node's batch. */
  private openWindow(startMs: number, endMs: number): readonly WindowBatch[] {
    // No deadline is added inside this loop and answers only retire them, so the earliest
    // deadline found once is a lower bound: it is looked up again only when it would win.
    let timeoutBoundMs = this.timeouts.nextAtMs(this.isWaiting);
    for (;;) {
      const queueAtMs = this.queue.peekTime();
      if (timeoutBoundMs <= queueAtMs && timeoutBoundMs < endMs)
        timeoutBoundMs = this.timeouts.nextAtMs(this.isWaiting);
      if (Math.min(queueAtMs, timeoutBoundMs) >= endMs) break;
      this.eventsProcessed += 1;
      if (timeoutBoundMs <= queueAtMs) {
        // At equal times a timeout goes first: the caller stops waiting before a late answer lands.
        const deadline = this.timeouts.take(this.isWaiting)!;
        this.clock = deadline.atMs;
        this.failRequest(deadline.requestId, 'timeout');
        timeoutBoundMs = this.timeouts.nextAtMs(this.isWaiting);
        continue;
      }
      this.clock = queueAtMs;
      this.runTask(this.queue.popItem()!);
    }
    const batches = this.batches;
    if (batches.length !== 0) batches.length = 0;
    if (this.batchSlots.length !== 0) this.batchSlots.length = 0;
    for (const slot of this.slots) {
      if (slot.status !== 'running') continue;
      if (slot.inbound.length === 0 && slot.nextTimerAtMs >= endMs) continue;
      // The node gets its own copy of the list; the slot starts a new one.
      batches.push({
        address: slot.address,
        inbound: slot.inbound,
        startMs: Math.max(startMs, slot.resumedAtMs),
        endMs,
      });
      slot.inbound = [];
      this.batchSlots.push(slot);
    }
    return batches;
  }

  /** A window's second half: crashed nodes stop, the others' outputs are merged in node order. */
  private closeWindow(endMs: number, outcomes: readonly WindowOutcome[]): void {
    const results = this.windowResults;
    if (results.length !== 0) results.length = 0;
    this.batchSlots.forEach((slot, i) => {
      const outcome = outcomes[i]!;
      if (isCrash(outcome)) {
        this.crash(slot, outcome.crashed);
        return;
      }
      this.eventsProcessed += outcome.inputCount;
      slot.nextTimerAtMs = outcome.nextTimerAtMs;
      results.push(outcome);
    });
    this.clock = endMs;
    this.merge(results);
  }

  /** A process that threw: it is gone like a killed one, and its error is kept for the UI. */
  private crash(slot: NodeSlot, error: string): void {
    this.runtime.terminate(slot.address);
    slot.inbound = [];
    slot.nextTimerAtMs = Number.POSITIVE_INFINITY;
    slot.status = 'crashed';
    this.truthVersion += 1;
    this.emit({ type: 'node', observer: slot.address, status: 'crashed', detail: error, atMs: this.clock });
  }

  /** Sends in node order, then send order; traces sorted by time, node order kept at ties. */
  private merge(results: readonly WindowResult[]): void {
    const traces: TraceRecord[] = [];
    const listening = this.traceListeners.size > 0 || this.traceViews !== null;
    for (const result of results) {
      for (const send of result.sends) this.route(send.envelope, send.atMs);
      for (const send of result.loopbackSends) this.recordLoopback(send.envelope, send.atMs);
      if (listening) for (const trace of result.traces) traces.push({ ...trace.event, atMs: trace.atMs });
    }
    if (traces.length === 0) return;
    traces.sort((a, b) => a.atMs - b.atMs);
    for (const record of traces) this.emit(record);
  }

  private runTask(task: WorldTask): void {
    switch (task.kind) {
      case 'arrive':
        this.arrive(task.envelope, task.sentAtMs);
        return;
      case 'refused':
        this.failRequest(task.requestId, 'refused');
        return;
      case 'beat':
        if (this.beatGeneration.get(task.client) === task.generation) task.client.onBeatDue();
        return;
    }
  }

  /** Puts a message on the network: it arrives, or is lost on the way. */
  private route(envelope: Envelope, sentAtMs: number): void {
    this.count(envelope).sent += 1;
    if (envelope.timeoutMs !== undefined) {
      this.pending.set(envelope.id, envelope.from);
      if (this.messageListeners.size > 0) this.requestKinds.set(envelope.id, kindOf(envelope));
      // Never in the past, even with a zero timeout: the world's clock only moves forward.
      this.timeouts.add(envelope.id, Math.max(sentAtMs + envelope.timeoutMs, this.clock), envelope.timeoutMs);
    }
    // Links between nodes are FIFO like one TCP connection; a client's calls are not.
    const ordered = this.slotByAddress.has(envelope.from) && this.slotByAddress.has(envelope.to);
    const route = this.network.route(envelope.from, envelope.to, sentAtMs, envelope.id, ordered);
    if (route.fate === 'lost') {
      this.count(envelope).dropped += 1;
      this.publish(envelope, sentAtMs, route.atMs, 'lost');
      return;
    }
    this.queue.push(route.atMs, { kind: 'arrive', envelope, sentAtMs }, sentAtMs);
    if (route.duplicateAtMs !== null)
      this.queue.push(route.duplicateAtMs, { kind: 'arrive', envelope, sentAtMs }, sentAtMs);
  }

  /** At arrival the network and the receiver decide: cut, refused, unanswered or delivered. */
  private arrive(envelope: Envelope, sentAtMs: number): void {
    const now = this.clock;
    if (!this.network.isReachable(envelope.from, envelope.to)) return this.drop(envelope, sentAtMs, 'cut');
    if (envelope.replyTo !== undefined) {
      // An answer the caller stopped waiting for is thrown away, as an HTTP client would.
      if (!this.pending.delete(envelope.replyTo)) return this.drop(envelope, sentAtMs, 'unanswered');
    }
    const client = this.clientByAddress.get(envelope.to);
    if (client) return this.deliverToClient(client, envelope, sentAtMs);
    const slot = this.slotByAddress.get(envelope.to);
    if (!slot || slot.status === 'killed' || slot.status === 'crashed') {
      // The host answers SYN with RST: the caller learns at once (one trip back).
      if (envelope.timeoutMs !== undefined)
        this.queue.push(now + (now - sentAtMs), { kind: 'refused', requestId: envelope.id }, now);
      return this.drop(envelope, sentAtMs, 'refused');
    }
    if (slot.status === 'paused') return this.drop(envelope, sentAtMs, 'unanswered');
    this.count(envelope).delivered += 1;
    this.publish(envelope, sentAtMs, now, 'delivered');
    slot.inbound.push({ atMs: now, input: { type: 'deliver', envelope } });
  }

  private deliverToClient(client: SimClient, envelope: Envelope, sentAtMs: number): void {
    this.count(envelope).delivered += 1;
    this.publish(envelope, sentAtMs, this.clock, 'delivered');
    if (envelope.replyTo !== undefined) client.onAnswer(envelope.replyTo, envelope.body, this.clock);
  }

  private drop(envelope: Envelope, sentAtMs: number, fate: MessageRecord['fate']): void {
    this.count(envelope).dropped += 1;
    this.publish(envelope, sentAtMs, this.clock, fate);
  }

  /** The caller's timeout fired, or the refusal came back: tell whoever is still waiting. */
  private failRequest(requestId: string, reason: FailureReason): void {
    const from = this.pending.get(requestId);
    if (from === undefined) return; // answered in time, or already failed
    this.pending.delete(requestId);
    this.requestKinds.delete(requestId);
    const client = this.clientByAddress.get(from);
    if (client) return client.onFailure(requestId, reason, this.clock);
    const slot = this.slotByAddress.get(from);
    // A paused node learns of its failed calls when it runs again, as a stopped JVM would.
    if (slot?.status === 'running' || slot?.status === 'paused')
      slot.inbound.push({ atMs: this.clock, input: { type: 'requestFailed', requestId, reason } });
  }

  private recordLoopback(envelope: Envelope, sentAtMs: number): void {
    const counts = this.count(envelope);
    counts.sent += 1;
    counts.delivered += 1;
    this.publish(envelope, sentAtMs, sentAtMs + 1, 'delivered');
  }

  private count(envelope: Envelope): MessageCounts {
    const type = envelope.body.type;
    let counts = this.counts[type];
    if (!counts) {
      counts = { sent: 0, delivered: 0, dropped: 0 };
      this.counts[type] = counts;
    }
    return counts;
  }

  private publish(envelope: Envelope, sentAtMs: number, endAtMs: number, fate: MessageRecord['fate']): void {
    if (this.messageListeners.size === 0) return;
    const record: MessageRecord = { envelope, kind: this.kindOfMessage(envelope), sentAtMs, endAtMs, fate };
    for (const listener of this.messageListeners) listener(record);
  }

  private kindOfMessage(envelope: Envelope): MessageKind {
    if (envelope.replyTo === undefined) return kindOf(envelope);
    const kind = this.requestKinds.get(envelope.replyTo);
    this.requestKinds.delete(envelope.replyTo);
    return kind ?? kindOf(envelope);
  }

  private emit(record: TraceRecord): void {
    this.traceViews?.apply(record);
    for (const listener of this.traceListeners) listener(record);
  }

  // ── nodes ───────────────────────────────────────────────────────────────────────────

  private newSlot(address: Address, index: number): NodeSlot {
    const slot: NodeSlot = {
      address,
      index,
      status: 'killed',
      nextTimerAtMs: Number.POSITIVE_INFINITY,
      inbound: [],
      resumedAtMs: 0,
    };
    this.slotByAddress.set(address, slot);
    return slot;
  }

  /** A fresh process with empty memory and cluster.conf listing every node. */
  private boot(slot: NodeSlot): void {
    const members = this.nodeAddresses();
    this.runtime.spawn(slot.address, members, this.config, this.clock);
    slot.status = 'running';
    this.truthVersion += 1;
    slot.inbound = [{ atMs: this.clock, input: { type: 'start' } }];
    slot.nextTimerAtMs = Number.POSITIVE_INFINITY;
    slot.resumedAtMs = this.clock;
    this.emit({ type: 'node', observer: slot.address, status: 'started', members, atMs: this.clock });
  }

  private slot(address: Address): NodeSlot {
    const slot = this.slotByAddress.get(address);
    if (!slot) throw new Error(`no node ${address}`);
    return slot;
  }

  private setStatus(slot: NodeSlot, status: NodeStatus): void {
    slot.status = status;
    this.truthVersion += 1;
    this.emit({ type: 'node', observer: slot.address, status, atMs: this.clock });
  }

  /** The process dies: memory gone, its host refuses connections. */
  kill(address: Address): void {
    this.bootOnce();
    const slot = this.slot(address);
    if (slot.status === 'killed' || slot.status === 'crashed') return;
    this.runtime.terminate(address);
    slot.inbound = [];
    slot.nextTimerAtMs = Number.POSITIVE_INFINITY;
    this.setStatus(slot, 'killed');
  }

  /** A new process on the same address: empty memory, snapshot load. */
  restart(address: Address): void {
    this.bootOnce();
    const slot = this.slot(address);
    if (slot.status === 'running' || slot.status === 'paused') this.kill(address);
    this.boot(slot);
  }

  /** Alive but silent (a stopped JVM): messages to it go unanswered, its timers wait. */
  pause(address: Address): void {
    this.bootOnce();
    const slot = this.slot(address);
    if (slot.status !== 'running') return;
    this.setStatus(slot, 'paused');
  }

  resume(address: Address): void {
    this.bootOnce();
    const slot = this.slot(address);
    if (slot.status !== 'paused') return;
    slot.resumedAtMs = this.clock;
    this.setStatus(slot, 'running');
  }

  /** A new member: it boots with the full list, and every running node's cluster.conf gains it. */
  addNode(): Address {
    this.bootOnce();
    const slot = this.newSlot(nodeAddress(this.slots.length + 1), this.slots.length + 1);
    this.slots.push(slot);
    const members = this.nodeAddresses();
    this.serverList = members;
    const input: NodeInput = { type: 'membersChanged', members };
    for (const other of this.slots) {
      if (other === slot || (other.status !== 'running' && other.status !== 'paused')) continue;
      // cluster.conf changes on disk; a paused node reads it when it runs again.
      other.inbound.push({ atMs: this.clock, input });
      this.emit({ type: 'node', observer: other.address, status: other.status, members, atMs: this.clock });
    }
    this.boot(slot);
    return slot.address;
  }

  // ── network ─────────────────────────────────────────────────────────────────────────

  partition(groups: readonly (readonly Address[])[]): void {
    this.network.partition(groups);
    this.step(`partition ${groups.map((group) => `{${group.join(', ')}}`).join(' | ')}`);
  }

  cut(from: Address, to: Address): void {
    this.network.cut(from, to);
    this.step(`cut ${from} → ${to}`);
  }

  heal(): void {
    this.network.heal();
    this.step('heal the network');
  }

  setLink(params: Partial<LinkParams>, from?: Address, to?: Address): void {
    this.network.setLink(params, from, to);
    this.step(`link ${from ?? '*'} → ${to ?? '*'} ${JSON.stringify(params)}`);
  }

  // ── clients ─────────────────────────────────────────────────────────────────────────

  register(name: string, spec: ClientSpec): void {
    this.bootOnce();
    if (this.clients.has(name)) throw new Error(`client ${name} exists already`);
    const client = new SimClient(name, spec, this.rng.derive(`client/${name}`), this.clientPort);
    this.clients.set(name, client);
    this.clientByAddress.set(client.address, client);
    client.register(this.clock);
    this.step(`client ${name} registers ${client.params.groupedName} ${client.instanceAddress}`);
  }

  deregister(name: string): void {
    this.client(name).deregister();
    this.step(`client ${name} deregisters`);
  }

  stopClient(name: string): void {
    this.client(name).stop();
    this.step(`client ${name} stops`);
  }

  resumeClient(name: string): void {
    this.client(name).resume(this.clock);
    this.step(`client ${name} resumes`);
  }

  /** The client can no longer reach these nodes (both directions). */
  cutClient(name: string, nodes: readonly Address[]): void {
    const client = this.client(name);
    for (const node of nodes) {
      this.network.cut(client.address, node);
      this.network.cut(node, client.address);
    }
    this.step(`client ${name} cut off from ${nodes.join(', ')}`);
  }

  private client(name: string): SimClient {
    const client = this.clients.get(name);
    if (!client) throw new Error(`no client ${name}`);
    return client;
  }

  private scheduleBeat(client: SimClient, atMs: number): void {
    const generation = (this.beatGeneration.get(client) ?? 0) + 1;
    this.beatGeneration.set(client, generation);
    this.queue.push(atMs, { kind: 'beat', client, generation }, this.clock);
  }

  /**
   * The line of a client or network change, written once the change is made: its listeners
   * may read the world, and the truth may have changed with it.
   */
  private step(text: string): void {
    this.truthVersion += 1;
    this.emit({ type: 'step', text, atMs: this.clock });
  }

  // ── observation ─────────────────────────────────────────────────────────────────────

  views(): NodeView[] {
    this.bootOnce();
    return this.slots.map((slot) => {
      const base = { address: slot.address, status: slot.status };
      const empty = { ...base, members: {}, healthyList: [], instances: {}, initialized: false };
      if (slot.status === 'killed' || slot.status === 'crashed') return empty;
      if (this.runtime instanceof InProcessRuntime) {
        const host = this.runtime.host(slot.address);
        return host ? { ...base, ...beliefOf(host.nodeState) } : empty;
      }
      // Nodes in workers cannot be read synchronously; their traced views are exact.
      const traced = this.traceViews?.view(slot.address);
      return traced ? { ...traced, status: slot.status } : empty;
    });
  }

  /**
   * What every node should hold: the instances of clients that are alive, registered and
   * reach a running node both ways. Kept until a node's status, a client or the network
   * changes (truthVersion), so a run that asks after each of thousands of steps does not
   * walk every client each time.
   */
  truth(): Truth {
    if (this.truthCache?.version === this.truthVersion) return this.truthCache.truth;
    const truth = this.computeTruth();
    this.truthCache = { version: this.truthVersion, truth };
    return truth;
  }

  private computeTruth(): Truth {
    const truth: Record<string, Record<string, boolean>> = {};
    for (const client of this.clients.values()) {
      if (!client.alive || !client.registered) continue;
      const reaches = this.slots.some(
        (slot) =>
          slot.status === 'running' &&
          this.network.isReachable(client.address, slot.address) &&
          this.network.isReachable(slot.address, client.address),
      );
      if (!reaches) continue;
      const service = client.params.groupedName;
      truth[service] ??= {};
      truth[service][client.instanceAddress] = true;
    }
    return truth;
  }

  /** Events processed so far: world tasks (arrivals, timeouts, client beats) and node inputs. */
  get eventCount(): number {
    return this.eventsProcessed;
  }

  /** The simulated SDK clients and what they are doing. */
  clientsInfo(): ClientInfo[] {
    return [...this.clients.values()].map((client) => ({
      name: client.name,
      address: client.address,
      service: client.params.groupedName,
      instance: client.instanceAddress,
      alive: client.alive,
      registered: client.registered,
      lightBeat: client.lightBeat,
    }));
  }

  messageCounts(): Readonly<Record<string, MessageCounts>> {
    return this.counts;
  }

  /** Everything a running or paused node knows, for the node inspector. */
  inspect(address: Address): NodeInspection | null | Promise<NodeInspection | null> {
    return this.runtime.inspect(address);
  }

  /** Ends every node process. */
  dispose(): void {
    this.runtime.dispose();
  }

  networkState(): ReturnType<NetworkModel['describe']> {
    return this.network.describe();
  }
}

export function createWorld(options: WorldOptions): World {
  return new World(options);
}
