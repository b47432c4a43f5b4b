/** One scheduled item as `pop` hands it out. */
export interface QueueEntry<T> {
  readonly atMs: number;
  /** Among equal times the smaller rank pops first (the world uses the creation time). */
  readonly rank: number;
  /** The insertion counter: among equal times and ranks the smaller seq pops first. */
  readonly seq: number;
  readonly item: T;
}

/**
 * A binary min-heap ordered by (atMs, rank, seq). With equal times, the smaller rank pops
 * first, then insertion order. The world ranks every task by the time it was created, which
 * makes ties independent of where lock-step windows begin and end.
 *
 * The heap lives in three parallel arrays rather than an array of entry objects, so a
 * push allocates nothing and a pop allocates only the entry it returns.
 */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly ranks: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  /** Never reset, not even by clear(), so a seq names one push for the life of the queue. */
  private nextSeq = 0;

  get size(): number {
    return this.times.length;
  }

  /** Schedules `item` at `atMs` and returns the seq it was given. */
  push(atMs: number, item: T, rank = 0): number {
    if (Number.isNaN(atMs)) throw new RangeError('EventQueue.push: atMs is NaN');
    const seq = this.nextSeq++;
    this.times.push(atMs);
    this.ranks.push(rank);
    this.seqs.push(seq);
    this.items.push(item);
    this.siftUp(this.times.length - 1, atMs, rank, seq, item);
    return seq;
  }

  /** The time of the earliest entry, or Infinity when the queue is empty. */
  peekTime(): number {
    return this.times.length === 0 ? Number.POSITIVE_INFINITY : (this.times[0] as number);
  }

  pop(): QueueEntry<T> | undefined {
    if (this.times.length === 0) return undefined;
    const entry: QueueEntry<T> = {
      atMs: this.times[0] as number,
      rank: this.ranks[0] as number,
      seq: this.seqs[0] as number,
      item: this.items[0] as T,
    };
    this.removeHead();
    return entry;
  }

  /**
   * Removes the earliest entry and returns only its item (read its time with peekTime
   * first): the hot loops' pop, which allocates nothing.
   */
  popItem(): T | undefined {
    if (this.times.length === 0) return undefined;
    const item = this.items[0] as T;
    this.removeHead();
    return item;
  }

  private removeHead(): void {
    const count = this.times.length;
    const lastTime = this.times.pop() as number;
    const lastRank = this.ranks.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    const lastItem = this.items.pop() as T;
    if (count > 1) this.siftDown(0, lastTime, lastRank, lastSeq, lastItem);
  }

  /** Drops every entry (and the references to their items). */
  clear(): void {
    this.times.length = 0;
    this.ranks.length = 0;
    this.seqs.length = 0;
    this.items.length = 0;
  }

  /** Moves the hole at `index` up until the new entry fits, then stores it there. */
  private siftUp(index: number, atMs: number, rank: number, seq: number, item: T): void {
    let hole = index;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      if (this.isBefore(parent, atMs, rank, seq)) break;
      this.place(hole, parent);
      hole = parent;
    }
    this.store(hole, atMs, rank, seq, item);
  }

  /** Moves the hole at `index` down until the entry fits, then stores it there. */
  private siftDown(index: number, atMs: number, rank: number, seq: number, item: T): void {
    const count = this.times.length;
    let hole = index;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= count) break;
      const right = child + 1;
      if (
        right < count &&
        this.isBefore(
          right,
          this.times[child] as number,
          this.ranks[child] as number,
          this.seqs[child] as number,
        )
      )
        child = right;
      if (!this.isBefore(child, atMs, rank, seq)) break;
      this.place(hole, child);
      hole = child;
    }
    this.store(hole, atMs, rank, seq, item);
  }

  /** Does slot `i` come before the entry (atMs, rank, seq)? */
  private isBefore(i: number, atMs: number, rank: number, seq: number): boolean {
    const time = this.times[i] as number;
    if (time !== atMs) return time < atMs;
    const slotRank = this.ranks[i] as number;
    if (slotRank !== rank) return slotRank < rank;
    return (this.seqs[i] as number) < seq;
  }

  /** Copies slot `from` into slot `to`. */
  private place(to: number, from: number): void {
    this.times[to] = this.times[from] as number;
    this.ranks[to] = this.ranks[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private store(index: number, atMs: number, rank: number, seq: number, item: T): void {
    this.times[index] = atMs;
    this.ranks[index] = rank;
    this.seqs[index] = seq;
    this.items[index] = item;
  }
}
