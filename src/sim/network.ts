import { keyedUniform, type Rng } from './rng.ts';
import type { LinkParams } from './types.ts';

/** A self-send (a node's own loopback) takes exactly this long and is never lost. */
export const LOOPBACK_DELAY_MS = 1;

/** What happens to one message: its arrival (and maybe a duplicate's), or where it dies. */
export type RouteResult =
  | { readonly fate: 'deliver'; readonly atMs: number; readonly duplicateAtMs: number | null }
  | { readonly fate: 'lost'; readonly atMs: number };

export interface NetworkDescription {
  partition: string[][];
  cuts: [string, string][];
  defaults: LinkParams;
}

/** Per directed link: its overrides and the FIFO horizon. Created on first use. */
interface LinkState {
  override: Partial<LinkParams> | null;
  /** The latest arrival so far; a later message never arrives before it. */
  lastArrivalMs: number;
}

/**
 * Decides the fate and timing of messages between endpoints. It never sees a message:
 * the world asks `route` when one is sent and `isReachable` when it arrives, so a
 * partition installed while a message is in flight still kills it.
 *
 * Every random number is keyed by (run seed, message id, purpose) rather than drawn from a
 * stream, so a message's fate does not depend on the order the world routes messages in,
 * nor on how a run is sliced into windows; a rate of zero draws nothing.
 */
export class NetworkModel {
  private defaults: LinkParams;
  private readonly links = new Map<string, Map<string, LinkState>>();
  /** Endpoint → index of its partition group; unlisted endpoints are absent. */
  private readonly groupOf = new Map<string, number>();
  private groups: string[][] = [];
  /** from → the set of `to` it cannot send to. */
  private readonly cuts = new Map<string, Set<string>>();
  private cutCount = 0;
  /** How many links carry an override: unordered routes look one up only when some do. */
  private overrideCount = 0;
  private minDelayCacheMs = 1;
  /** The seed of the network's draws (derived from the run's seed). */
  private readonly drawSeed: number;

  constructor(rng: Rng, defaults: LinkParams) {
    validateLink(defaults);
    this.defaults = { ...defaults };
    this.drawSeed = rng.derive('network-draws').seed;
    this.refreshMinDelay();
  }

  /** With no endpoints: new defaults for every link. With both: an override on one directed link. */
  setLink(params: Partial<LinkParams>, from?: string, to?: string): void {
    validateLink(params);
    if (from === undefined && to === undefined) {
      this.defaults = { ...this.defaults, ...params };
    } else if (from !== undefined && to !== undefined) {
      const link = this.link(from, to);
      if (!link.override) this.overrideCount++;
      link.override = { ...link.override, ...params };
    } else {
      throw new Error('setLink: give both endpoints or neither');
    }
    this.refreshMinDelay();
  }

  /** A symmetric split replacing the previous one; unlisted endpoints reach everybody. */
  partition(groups: readonly (readonly string[])[]): void {
    this.groupOf.clear();
    groups.forEach((group, index) => {
      for (const endpoint of group) {
        if (this.groupOf.has(endpoint)) throw new Error(`partition: ${endpoint} is in two groups`);
        this.groupOf.set(endpoint, index);
      }
    });
    this.groups = groups.map((group) => [...group]);
  }

  /** Drops messages from → to; to → from still flow. */
  cut(from: string, to: string): void {
    let targets = this.cuts.get(from);
    if (targets === undefined) {
      targets = new Set();
      this.cuts.set(from, targets);
    }
    if (!targets.has(to)) this.cutCount++;
    targets.add(to);
  }

  uncut(from: string, to: string): void {
    if (this.cuts.get(from)?.delete(to)) this.cutCount--;
  }

  /** Removes the partition and every cut; latency and loss settings stay. */
  heal(): void {
    this.partition([]);
    this.cuts.clear();
    this.cutCount = 0;
  }

  isReachable(from: string, to: string): boolean {
    if (from === to) return true;
    const fromGroup = this.groupOf.get(from);
    if (fromGroup !== undefined) {
      const toGroup = this.groupOf.get(to);
      if (toGroup !== undefined && toGroup !== fromGroup) return false;
    }
    return this.cutCount === 0 || this.cuts.get(from)?.has(to) !== true;
  }

  /**
   * The fate of a message sent now. Delays are whole milliseconds drawn uniformly from
   * [latency − jitter, latency + jitter] (at least 1), then pushed back behind earlier
   * arrivals on the same directed link, as on one TCP connection.
   */
  route(from: string, to: string, sentAtMs: number, messageId: string, ordered = true): RouteResult {
    if (from === to) return { fate: 'deliver', atMs: sentAtMs + LOOPBACK_DELAY_MS, duplicateAtMs: null };
    // Unordered traffic (a client's HTTP calls, each on a connection of its own) keeps no
    // per-link state unless the link has an override: 10,000 clients × 64 nodes of state
    // would otherwise dominate the heap of a large run.
    const link = ordered
      ? this.link(from, to)
      : this.overrideCount > 0
        ? this.links.get(from)?.get(to)
        : undefined;
    const override = link?.override;
    const latencyMs = override?.latencyMs ?? this.defaults.latencyMs;
    const jitterMs = override?.jitterMs ?? this.defaults.jitterMs;
    const lossRate = override?.lossRate ?? this.defaults.lossRate;
    const duplicateRate = override?.duplicateRate ?? this.defaults.duplicateRate;

    // Every draw is keyed by the message id, so the routing order never matters.
    const delayMs = drawDelayMs(this.draw(messageId, DRAW_DELAY), latencyMs, jitterMs);
    if (lossRate > 0 && this.draw(messageId, DRAW_LOSS) < lossRate)
      return { fate: 'lost', atMs: sentAtMs + Math.ceil(delayMs / 2) };
    const atMs = ordered && link ? Math.max(sentAtMs + delayMs, link.lastArrivalMs) : sentAtMs + delayMs;
    if (ordered && link) link.lastArrivalMs = atMs;
    if (duplicateRate === 0 || this.draw(messageId, DRAW_DUPLICATE) >= duplicateRate)
      return { fate: 'deliver', atMs, duplicateAtMs: null };
    // The copy is a late replay: it follows the original but does not hold back later messages.
    const copyDelayMs = drawDelayMs(this.draw(messageId, DRAW_DUPLICATE_DELAY), latencyMs, jitterMs);
    const duplicateAtMs = Math.max(atMs, sentAtMs + copyDelayMs);
    return { fate: 'deliver', atMs, duplicateAtMs };
  }

  private draw(messageId: string, purpose: number): number {
    return keyedUniform(this.drawSeed, messageId, purpose);
  }

  /** A lower bound on the delay between two distinct endpoints under the current settings. */
  minDelayMs(): number {
    return this.minDelayCacheMs;
  }

  describe(): NetworkDescription {
    const cuts: [string, string][] = [];
    for (const [from, targets] of this.cuts) for (const to of targets) cuts.push([from, to]);
    return { partition: this.groups.map((group) => [...group]), cuts, defaults: { ...this.defaults } };
  }

  private link(from: string, to: string): LinkState {
    let targets = this.links.get(from);
    if (targets === undefined) {
      targets = new Map();
      this.links.set(from, targets);
    }
    let link = targets.get(to);
    if (link === undefined) {
      link = { override: null, lastArrivalMs: Number.NEGATIVE_INFINITY };
      targets.set(to, link);
    }
    return link;
  }

  /** Recomputed on every setLink, which is rare, so minDelayMs stays a field read. */
  private refreshMinDelay(): void {
    let lowest = lowestDelayMs(this.defaults.latencyMs, this.defaults.jitterMs);
    for (const targets of this.links.values()) {
      for (const { override } of targets.values()) {
        if (override === null) continue;
        const latencyMs = override.latencyMs ?? this.defaults.latencyMs;
        const jitterMs = override.jitterMs ?? this.defaults.jitterMs;
        lowest = Math.min(lowest, lowestDelayMs(latencyMs, jitterMs));
      }
    }
    this.minDelayCacheMs = lowest;
  }
}

/** The smallest whole-ms delay drawDelayMs can return for these settings. */
function lowestDelayMs(latencyMs: number, jitterMs: number): number {
  return Math.max(1, Math.ceil(latencyMs - jitterMs));
}

/** A whole-ms delay, uniform over the link's range, from a uniform number in [0, 1). */
function drawDelayMs(uniform: number, latencyMs: number, jitterMs: number): number {
  const lowMs = lowestDelayMs(latencyMs, jitterMs);
  const highMs = Math.max(lowMs, Math.floor(latencyMs + jitterMs));
  return lowMs + Math.floor(uniform * (highMs - lowMs + 1));
}

const DRAW_DELAY = 0;
const DRAW_LOSS = 1;
const DRAW_DUPLICATE = 2;
const DRAW_DUPLICATE_DELAY = 3;

function validateLink(params: Partial<LinkParams>): void {
  const { latencyMs, jitterMs, lossRate, duplicateRate } = params;
  if (latencyMs !== undefined && !isFiniteAtLeastZero(latencyMs)) {
    throw new RangeError(`latencyMs ${latencyMs} is not a finite number >= 0`);
  }
  if (jitterMs !== undefined && !isFiniteAtLeastZero(jitterMs)) {
    throw new RangeError(`jitterMs ${jitterMs} is not a finite number >= 0`);
  }
  if (lossRate !== undefined && !(lossRate >= 0 && lossRate <= 1)) {
    throw new RangeError(`lossRate ${lossRate} outside [0, 1]`);
  }
  if (duplicateRate !== undefined && !(duplicateRate >= 0 && duplicateRate <= 1)) {
    throw new RangeError(`duplicateRate ${duplicateRate} outside [0, 1]`);
  }
}

function isFiniteAtLeastZero(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
