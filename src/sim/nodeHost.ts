import type { DistroConfig } from '../protocol/config.ts';
import type { NodeInput, TraceEvent } from '../protocol/io.ts';
import type { Envelope } from '../protocol/messages.ts';
import type { Address } from '../protocol/model.ts';
import { createNode, step } from '../protocol/node.ts';
import type { NodeState } from '../protocol/state.ts';
import { EventQueue } from './eventQueue.ts';
import { LOOPBACK_DELAY_MS } from './network.ts';

/** An input the world delivers to a node at a given time. */
export interface InboundEvent {
  readonly atMs: number;
  readonly input: NodeInput;
}

/** A message a node sent during a window, with the time it left. */
export interface OutboundSend {
  readonly atMs: number;
  readonly envelope: Envelope;
}

export interface TimedTrace {
  readonly atMs: number;
  readonly event: TraceEvent;
}

/** What one node did in one window; plain data, so it crosses a MessagePort unchanged. */
export interface WindowResult {
  /** Messages to other endpoints, in the order they were sent. */
  readonly sends: OutboundSend[];
  /** Messages to itself, already handled inside the window; reported for the message log. */
  readonly loopbackSends: OutboundSend[];
  readonly traces: TimedTrace[];
  /** When the node's next timer is due (Infinity when none). */
  readonly nextTimerAtMs: number;
  /** How many inputs the node processed in the window (the benchmark's event count). */
  readonly inputCount: number;
}

type LocalEvent =
  | { readonly kind: 'timer'; readonly key: string; readonly generation: number }
  | { readonly kind: 'loopback'; readonly envelope: Envelope };

/**
 * Runs one Distro node: its state, its own timers and its messages to itself. The world
 * hands it a window [startMs, endMs) of inbound events; the host interleaves them with the
 * node's timers (inbound first at equal times) and returns what the node sent. The same
 * code runs in-process and inside a node worker, which is why both give the same trace.
 */
export class NodeHost {
  readonly address: Address;
  private readonly state: NodeState;
  private readonly local = new EventQueue<LocalEvent>();
  /** key → generation of the live timer; a popped entry with another generation is stale. */
  private readonly timerGenerations = new Map<string, number>();
  private generation = 0;
  /** Inputs this node has processed: the events-per-second figure of the benchmark. */
  inputsProcessed = 0;

  constructor(address: Address, members: readonly Address[], config: DistroConfig, startMs: number) {
    this.address = address;
    this.state = createNode(address, members, config, startMs);
  }

  /** The node's state, for inspectors and views; do not mutate. */
  get nodeState(): NodeState {
    return this.state;
  }

  /** Pending timers by key and due time, for the inspector. */
  timers(): { key: string; atMs: number }[] {
    return [...this.timerDue.entries()].map(([key, atMs]) => ({ key, atMs })).sort((a, b) => a.atMs - b.atMs);
  }

  private readonly timerDue = new Map<string, number>();
  private readonly result: WindowResult = {
    sends: [],
    loopbackSends: [],
    traces: [],
    nextTimerAtMs: Number.POSITIVE_INFINITY,
    inputCount: 0,
  };
  /** The time of the last input processed. */
  clockMs = 0;

  /**
   * Runs one window and returns what the node did. The result object is reused by the next
   * call (a window's output is consumed before the next window starts; a worker posts a
   * copy), which spares the collector four objects for every node and window it runs.
   */
  runWindow(inbound: readonly InboundEvent[], startMs: number, endMs: number): WindowResult {
    const result = this.result;
    // Setting length is a runtime call in V8; most windows leave these lists empty.
    if (result.sends.length !== 0) result.sends.length = 0;
    if (result.loopbackSends.length !== 0) result.loopbackSends.length = 0;
    if (result.traces.length !== 0) result.traces.length = 0;
    const inputsBefore = this.inputsProcessed;
    let next = 0;
    for (;;) {
      const inboundAtMs = next < inbound.length ? inbound[next]!.atMs : Number.POSITIVE_INFINITY;
      const localAtMs = this.local.peekTime();
      const atMs = Math.min(inboundAtMs, localAtMs);
      if (atMs >= endMs) break;
      const nowMs = Math.max(atMs, startMs);
      if (inboundAtMs <= localAtMs) {
        this.apply(inbound[next]!.input, nowMs, result);
        next += 1;
      } else {
        this.runLocal(this.local.popItem()!, nowMs, result);
      }
    }
    const writable = result as { nextTimerAtMs: number; inputCount: number };
    writable.nextTimerAtMs = this.local.peekTime();
    writable.inputCount = this.inputsProcessed - inputsBefore;
    return result;
  }

  private runLocal(event: LocalEvent, nowMs: number, result: WindowResult): void {
    if (event.kind === 'loopback') {
      this.apply({ type: 'deliver', envelope: event.envelope }, nowMs, result);
      return;
    }
    if (this.timerGenerations.get(event.key) !== event.generation) return; // replaced or cancelled
    this.timerGenerations.delete(event.key);
    this.timerDue.delete(event.key);
    this.apply({ type: 'timer', key: event.key }, nowMs, result);
  }

  private apply(input: NodeInput, nowMs: number, result: WindowResult): void {
    this.inputsProcessed += 1;
    this.clockMs = nowMs;
    for (const effect of step(this.state, input, { nowMs })) {
      switch (effect.type) {
        case 'send':
          this.send(effect.envelope, nowMs, result);
          break;
        case 'setTimer':
          this.setTimer(effect.key, Math.max(effect.atMs, nowMs));
          break;
        case 'cancelTimer':
          this.timerGenerations.delete(effect.key);
          this.timerDue.delete(effect.key);
          break;
        case 'trace':
          result.traces.push({ atMs: nowMs, event: effect.event });
          break;
      }
    }
  }

  private send(envelope: Envelope, nowMs: number, result: WindowResult): void {
    if (envelope.to !== this.address) {
      result.sends.push({ atMs: nowMs, envelope });
      return;
    }
    // A message to itself never leaves the host, so it cannot cross a window boundary.
    result.loopbackSends.push({ atMs: nowMs, envelope });
    this.local.push(nowMs + LOOPBACK_DELAY_MS, { kind: 'loopback', envelope });
  }

  private setTimer(key: string, atMs: number): void {
    this.generation += 1;
    this.timerGenerations.set(key, this.generation);
    this.timerDue.set(key, atMs);
    this.local.push(atMs, { kind: 'timer', key, generation: this.generation });
  }
}
