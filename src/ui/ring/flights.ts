import type { MessageKind } from '../../protocol/messages.ts';
import type { FrameMessage } from '../../sim/frame.ts';

/**
 * The messages the ring animates. The simulator reports a message once it has ended (it
 * arrived, or died), so the particles run a little behind the simulation: they are drawn at
 * a display time `nowMs − lagMs` at which every message that should be flying is already
 * known, and each flight is stretched to a minimum duration a person can follow.
 */
export interface Flight {
  readonly kind: MessageKind;
  /** An answer (drawn hollow); it takes its request's kind and leaves when the request lands. */
  readonly reply: boolean;
  readonly fate: FrameMessage['fate'];
  readonly from: string;
  readonly to: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Far more than can be told apart: beyond it the oldest flights are dropped first. */
const MAX_FLIGHTS = 2500;

export class FlightBoard {
  private readonly flights = new Map<string, Flight>();
  /** `from>to@endAtMs` of each delivered message → the flight, to pair answers with requests. */
  private readonly arrivals = new Map<string, Flight>();
  private lastNowMs = Number.NEGATIVE_INFINITY;

  /** Takes in a frame's messages; `minFlightMs` is the shortest flight in virtual ms. */
  ingest(messages: readonly FrameMessage[], nowMs: number, minFlightMs: number): void {
    // Time travel: the run was replayed from the start, the old flights never happened.
    if (nowMs < this.lastNowMs) this.clear();
    this.lastNowMs = nowMs;
    for (const message of messages) {
      if (message.from === message.to) continue;
      const key = `${message.id}@${message.endAtMs}`;
      if (this.flights.has(key)) continue;
      const request =
        message.kind === 'client'
          ? this.arrivals.get(`${message.to}>${message.from}@${message.sentAtMs}`)
          : undefined;
      const startMs = request ? Math.max(message.sentAtMs, request.endMs) : message.sentAtMs;
      const flight: Flight = {
        kind: request?.kind ?? message.kind,
        reply: request !== undefined,
        fate: message.fate,
        from: message.from,
        to: message.to,
        startMs,
        endMs: startMs + Math.max(message.endAtMs - message.sentAtMs, minFlightMs),
      };
      this.flights.set(key, flight);
      if (message.fate === 'delivered')
        this.arrivals.set(`${message.from}>${message.to}@${message.endAtMs}`, flight);
    }
    while (this.flights.size > MAX_FLIGHTS) this.dropOldest();
  }

  /** Forgets flights that ended (and finished dying) before `displayMs`. */
  prune(displayMs: number, dieMs: number): void {
    for (const [key, flight] of this.flights) {
      if (flight.endMs + dieMs >= displayMs) continue;
      this.flights.delete(key);
    }
    for (const [key, flight] of this.arrivals)
      if (flight.endMs + dieMs < displayMs) this.arrivals.delete(key);
  }

  values(): IterableIterator<Flight> {
    return this.flights.values();
  }

  get size(): number {
    return this.flights.size;
  }

  clear(): void {
    this.flights.clear();
    this.arrivals.clear();
    this.lastNowMs = Number.NEGATIVE_INFINITY;
  }

  private dropOldest(): void {
    const first = this.flights.keys().next();
    if (!first.done) this.flights.delete(first.value);
  }
}
