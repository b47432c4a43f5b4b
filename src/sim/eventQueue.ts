/** One scheduled item as `pop` hands it out. */
export interface QueueEntry<T> {
  readonly atMs: number;
  /** The insertion counter: among equal times the smaller seq pops first. */
  readonly seq: number;
  readonly item: T;
}

/**
 * A binary min-heap ordered by (atMs, seq). Equal times pop in insertion order, which
 * keeps a run deterministic without asking callers for tie-breakers.
 *
 * The heap lives in three parallel arrays rather than an array of entry objects, so a
 * push allocates nothing and a pop allocates only the entry it returns.
 */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  /** Never reset, not even by clear(), so a seq names one push for the life of the queue. */
  private nextSeq = 0;

  get size(): number {
    return this.times.length;
  }

  /** Schedules `item` at `atMs` and returns the seq it was given. */
  push(atMs: number, item: T): number {
    if (Number.isNaN(atMs)) throw new RangeError('EventQueue.push: atMs is NaN');
    const seq = this.nextSeq++;
    this.times.push(atMs);
    this.seqs.push(seq);
    this.items.push(item);
    this.siftUp(this.times.length - 1, atMs, seq, item);
    return seq;
  }

  /** The time of the earliest entry, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.times.length === 0 ? Number.POSITIVE_INFINITY : (this.times[0] as number);
  }

  pop(): QueueEntry<T> | undefined {
    const count = this.times.length;
    if (count === 0) return undefined;
    const entry: QueueEntry<T> = {
      atMs: this.times[0] as number,
      seq: this.seqs[0] as number,
      item: this.items[0] as T,
    };
    const lastTime = this.times.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastItem = this.items.pop() as T;
    if (count > 1) this.siftDown(0, lastTime, lastSeq, lastItem);
    return entry;
  }

  /** Drops every entry (and the references to their items). */
  clear(): void {
    this.times.length = 0;
    this.seqs.length = 0;
    this.items.length = 0;
  }

  /** Moves the hole at `index` up until (atMs, seq) fits, then stores it there. */
  private siftUp(index: number, atMs: number, seq: number, item: T): void {
    let hole = index;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const parentTime = this.times[parent] as number;
      if (parentTime < atMs || (parentTime === atMs && (this.seqs[parent] as number) < seq)) break;
      this.place(hole, parent);
      hole = parent;
    }
    this.store(hole, atMs, seq, item);
  }

  /** Moves the hole at `index` down until (atMs, seq) fits, then stores it there. */
  private siftDown(index: number, atMs: number, seq: number, item: T): void {
    const count = this.times.length;
    let hole = index;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= count) break;
      const right = child + 1;
      if (right < count && this.before(right, child)) child = right;
      const childTime = this.times[child] as number;
      if (atMs < childTime || (atMs === childTime && seq < (this.seqs[child] as number))) break;
      this.place(hole, child);
      hole = child;
    }
    this.store(hole, atMs, seq, item);
  }

  private before(i: number, j: number): boolean {
    const ti = this.times[i] as number;
    const tj = this.times[j] as number;
    return ti < tj || (ti === tj && (this.seqs[i] as number) < (this.seqs[j] as number));
  }

  /** Copies slot `from` into slot `to`. */
  private place(to: number, from: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private store(index: number, atMs: number, seq: number, item: T): void {
    this.times[index] = atMs;
    this.seqs[index] = seq;
    this.items[index] = item;
  }
}
