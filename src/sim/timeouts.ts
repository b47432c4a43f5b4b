/** One request's deadline. */
interface Deadline {
  readonly requestId: string;
  readonly atMs: number;
  readonly timeoutMs: number;
}

/** A FIFO of deadlines of one timeout length, consumed from `head`. */
interface Lane {
  entries: Deadline[];
  head: number;
}

/**
 * The deadlines of requests waiting for an answer. Almost every request is answered in
 * time, so keeping each deadline in the world's event heap would push and pop thousands of
 * dead entries per simulated second. Deadlines of one timeout length come in send order, so
 * each length gets a FIFO lane; answered requests are skipped lazily at the lane's head.
 *
 * Sends inside one window are routed node by node, not in time order, so new deadlines wait
 * in `fresh` until the window is sealed and are sorted in then: every deadline of a window
 * is later than every deadline of the windows before it (a window is never wider than the
 * shortest timeout), so each lane stays sorted.
 */
export class TimeoutBook {
  private readonly lanes = new Map<number, Lane>();
  private fresh: Deadline[] = [];

  add(requestId: string, atMs: number, timeoutMs: number): void {
    this.fresh.push({ requestId, atMs, timeoutMs });
  }

  /** Sorts the deadlines added since the last seal into their lanes. */
  seal(): void {
    if (this.fresh.length === 0) return;
    const fresh = this.fresh;
    this.fresh = [];
    fresh.sort((a, b) => a.atMs - b.atMs); // stable: equal deadlines keep their send order
    for (const deadline of fresh) {
      let lane = this.lanes.get(deadline.timeoutMs);
      if (!lane) {
        lane = { entries: [], head: 0 };
        this.lanes.set(deadline.timeoutMs, lane);
      }
      lane.entries.push(deadline);
    }
  }

  /** The earliest deadline of a request still waiting, or Infinity. */
  nextAtMs(isWaiting: (requestId: string) => boolean): number {
    let next = Number.POSITIVE_INFINITY;
    for (const lane of this.lanes.values()) {
      const head = this.liveHead(lane, isWaiting);
      if (head && head.atMs < next) next = head.atMs;
    }
    return next;
  }

  /** Removes and returns the earliest live deadline (call after nextAtMs said it is due). */
  take(isWaiting: (requestId: string) => boolean): Deadline | undefined {
    let best: Lane | undefined;
    for (const lane of this.lanes.values()) {
      const head = this.liveHead(lane, isWaiting);
      if (head && (!best || head.atMs < best.entries[best.head]!.atMs)) best = lane;
    }
    if (!best) return undefined;
    const deadline = best.entries[best.head]!;
    best.head += 1;
    return deadline;
  }

  private liveHead(lane: Lane, isWaiting: (requestId: string) => boolean): Deadline | undefined {
    while (lane.head < lane.entries.length && !isWaiting(lane.entries[lane.head]!.requestId)) lane.head += 1;
    if (lane.head > 1024 && lane.head * 2 > lane.entries.length) {
      lane.entries = lane.entries.slice(lane.head); // compact the consumed prefix
      lane.head = 0;
    }
    return lane.entries[lane.head];
  }
}
