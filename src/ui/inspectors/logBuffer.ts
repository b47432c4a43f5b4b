import type { Frame, LogEntry } from '../../sim/frame.ts';
import { useSim } from '../../store/simStore.ts';

/** Lines kept: the message log shows the most recent ones. */
export const LOG_CAPACITY = 2000;
/** Listeners hear of new lines at most this often (wall ms): a frame may bring a few dozen. */
const NOTIFY_MS = 100;

type Listener = () => void;

/**
 * The message log's memory: every frame's new lines appended to one bounded buffer, outside
 * React. Views read it with useSyncExternalStore (subscribe + version). A restart of the run
 * (the store's epoch: a reset, a new seed, time travel) or time going backwards starts it afresh.
 */
class LogBuffer {
  private lines: LogEntry[] = [];
  private version = 0;
  private lastSeq = 0;
  private lastNowMs = Number.NEGATIVE_INFINITY;
  private lastSeed: number | null = null;
  private lastEpoch: number | null = null;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastNotifiedAt = Number.NEGATIVE_INFINITY;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getVersion = (): number => this.version;

  /** The lines, oldest first; the array is replaced (never mutated) when lines arrive. */
  entries(): readonly LogEntry[] {
    return this.lines;
  }

  /** Adds a frame's new lines; a new epoch (the store's restart counter) starts afresh. */
  ingest(frame: Frame, epoch: number): void {
    const restarted =
      frame.nowMs < this.lastNowMs ||
      (this.lastSeed !== null && frame.seed !== this.lastSeed) ||
      (this.lastEpoch !== null && epoch !== this.lastEpoch);
    if (restarted) this.reset();
    this.lastNowMs = frame.nowMs;
    this.lastSeed = frame.seed;
    this.lastEpoch = epoch;
    const fresh = frame.log.filter((entry) => entry.seq > this.lastSeq);
    if (fresh.length === 0) return;
    this.lastSeq = fresh[fresh.length - 1]!.seq;
    const kept = Math.max(0, this.lines.length + fresh.length - LOG_CAPACITY);
    this.lines = [...this.lines.slice(kept), ...fresh.slice(Math.max(0, fresh.length - LOG_CAPACITY))];
    this.changed();
  }

  clear(): void {
    this.lines = [];
    this.changed();
  }

  private reset(): void {
    this.lines = [];
    this.lastSeq = 0;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    if (this.timer !== null) return;
    const waitMs = Math.max(0, this.lastNotifiedAt + NOTIFY_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastNotifiedAt = performance.now();
      for (const listener of this.listeners) listener();
    }, waitMs);
  }
}

export const logBuffer = new LogBuffer();

useSim.subscribe((state, previous) => {
  if (state.frame !== null && state.frame !== previous.frame) logBuffer.ingest(state.frame, state.epoch);
});
const initial = useSim.getState();
if (initial.frame !== null) logBuffer.ingest(initial.frame, initial.epoch);
