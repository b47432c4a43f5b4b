import type { MessageKind } from '../../protocol/messages.ts';
import type { Frame } from '../../sim/frame.ts';
import { useSim } from '../../store/simStore.ts';
import { countDivergence } from './divergence.ts';

/** The divergence series keeps at most this many points: older ones merge as the run grows. */
const MAX_POINTS = 800;
const START_RESOLUTION_MS = 100;
/** Rate buckets (one per virtual second) older than this are dropped. */
export const RATE_WINDOW_S = 60;
const MAX_FAULTS = 200;
/** Listeners hear of changes at most this often (wall ms). */
const NOTIFY_MS = 200;

export interface DivergencePoint {
  /** Virtual ms of the first sample the point stands for. */
  readonly t: number;
  /** The largest count among the samples it stands for, so short spikes stay visible. */
  readonly value: number;
}

export type KindCounts = Record<MessageKind, number>;

export interface ChartSnapshot {
  readonly nowMs: number;
  readonly divergence: readonly DivergencePoint[];
  readonly divergentNow: number;
  readonly cellsNow: number;
  readonly converged: boolean;
  readonly lastConvergeMs: number | null;
  readonly lastFaultAtMs: number | null;
  /** Virtual ms of faults and user actions. */
  readonly faults: readonly number[];
  /** Messages sent per whole virtual second (key: second since the start). */
  readonly rates: ReadonlyMap<number, Readonly<KindCounts>>;
}

type Listener = () => void;

export function emptyCounts(): KindCounts {
  return { probe: 0, client: 0, forward: 0, sync: 0, verify: 0, pull: 0, snapshot: 0, status: 0 };
}

/**
 * What the charts draw, collected from every frame outside React and kept bounded: the
 * divergence series over the whole run (thinned as it grows) and per-second message counts
 * for the last minute. A restart of the run (the store's epoch: a reset, a new seed, time
 * travel) or time going backwards starts it afresh.
 */
class ChartHistory {
  private snapshot: ChartSnapshot = EMPTY;
  private points: DivergencePoint[] = [];
  private resolutionMs = START_RESOLUTION_MS;
  private readonly rates = new Map<number, KindCounts>();
  private faults: number[] = [];
  private lastFrameSeq = 0;
  private lastSeed: number | null = null;
  private lastEpoch: number | null = null;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastNotifiedAt = Number.NEGATIVE_INFINITY;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ChartSnapshot => this.snapshot;

  /** Adds a frame; a new epoch (the store's restart counter) starts afresh. */
  ingest(frame: Frame, epoch: number): void {
    const restarted =
      frame.nowMs < this.snapshot.nowMs ||
      (this.lastSeed !== null && frame.seed !== this.lastSeed) ||
      (this.lastEpoch !== null && epoch !== this.lastEpoch);
    if (restarted) this.reset();
    this.lastSeed = frame.seed;
    this.lastEpoch = epoch;
    const { divergent, total } = countDivergence(frame.nodes, frame.truth);
    this.addPoint(frame.nowMs, divergent);
    this.countMessages(frame);
    const fault = frame.convergence.lastFaultAtMs;
    if (fault !== null && this.faults[this.faults.length - 1] !== fault) {
      this.faults = [...this.faults, fault].slice(-MAX_FAULTS);
    }
    this.snapshot = {
      nowMs: frame.nowMs,
      divergence: this.points,
      divergentNow: divergent,
      cellsNow: total,
      converged: frame.convergence.converged,
      lastConvergeMs: frame.convergence.lastConvergeMs,
      lastFaultAtMs: frame.convergence.lastFaultAtMs,
      faults: this.faults,
      rates: this.rates,
    };
    this.changed();
  }

  private reset(): void {
    this.points = [];
    this.resolutionMs = START_RESOLUTION_MS;
    this.rates.clear();
    this.faults = [];
    this.lastFrameSeq = 0;
    this.snapshot = EMPTY;
  }

  private addPoint(t: number, value: number): void {
    const last = this.points[this.points.length - 1];
    const bucket = Math.floor(t / this.resolutionMs);
    if (last && Math.floor(last.t / this.resolutionMs) === bucket) {
      if (value > last.value) this.points = [...this.points.slice(0, -1), { t: last.t, value }];
      return;
    }
    this.points = [...this.points, { t, value }];
    if (this.points.length > MAX_POINTS) this.thin();
  }

  /** Doubles the resolution and merges the points that now share a bucket. */
  private thin(): void {
    this.resolutionMs *= 2;
    const merged: DivergencePoint[] = [];
    for (const point of this.points) {
      const last = merged[merged.length - 1];
      if (last && Math.floor(last.t / this.resolutionMs) === Math.floor(point.t / this.resolutionMs)) {
        merged[merged.length - 1] = { t: last.t, value: Math.max(last.value, point.value) };
      } else merged.push(point);
    }
    this.points = merged;
  }

  private countMessages(frame: Frame): void {
    if (frame.seq <= this.lastFrameSeq) return; // counted already
    this.lastFrameSeq = frame.seq;
    for (const { second, kind, count } of frame.sent) {
      let counts = this.rates.get(second);
      if (!counts) {
        counts = emptyCounts();
        this.rates.set(second, counts);
      }
      counts[kind] += count;
    }
    const oldest = Math.floor(frame.nowMs / 1000) - RATE_WINDOW_S - 10;
    for (const second of this.rates.keys()) if (second < oldest) this.rates.delete(second);
  }

  private changed(): void {
    if (this.timer !== null) return;
    const waitMs = Math.max(0, this.lastNotifiedAt + NOTIFY_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastNotifiedAt = performance.now();
      for (const listener of this.listeners) listener();
    }, waitMs);
  }
}

const EMPTY: ChartSnapshot = {
  nowMs: 0,
  divergence: [],
  divergentNow: 0,
  cellsNow: 0,
  converged: true,
  lastConvergeMs: null,
  lastFaultAtMs: null,
  faults: [],
  rates: new Map(),
};

export const chartHistory = new ChartHistory();

useSim.subscribe((state, previous) => {
  if (state.frame !== null && state.frame !== previous.frame) chartHistory.ingest(state.frame, state.epoch);
});
const initial = useSim.getState();
if (initial.frame !== null) chartHistory.ingest(initial.frame, initial.epoch);
