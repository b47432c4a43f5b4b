import { describe, expect, it } from 'vitest';
import { LOOPBACK_DELAY_MS, NetworkModel, type RouteResult } from './network.ts';
import { Rng } from './rng.ts';
import { DEFAULT_LINK, type LinkParams } from './types.ts';

let messageCounter = 0;
/** Each routed message needs an id: its random draws are keyed by it. */
const nextId = (): string => `m${messageCounter++}`;

const A = '10.0.0.1:8848';
const B = '10.0.0.2:8848';
const C = '10.0.0.3:8848';
const CLIENT = 'c1';

function net(link: Partial<LinkParams> = {}, seed = 1): NetworkModel {
  return new NetworkModel(new Rng(seed), { ...DEFAULT_LINK, ...link });
}

function delivered(result: RouteResult): { atMs: number; duplicateAtMs: number | null } {
  if (result.fate !== 'deliver') throw new Error('expected delivery');
  return result;
}

describe('NetworkModel.route', () => {
  it('draws whole-ms delays within latency ± jitter, reaching both ends', () => {
    const network = net({ latencyMs: 20, jitterMs: 5 });
    const seen = new Set<number>();
    // A fresh destination each time so FIFO never pushes an arrival back.
    for (let i = 0; i < 2_000; i++)
      seen.add(delivered(network.route(A, `c${i}`, 1_000, nextId())).atMs - 1_000);
    expect([...seen].sort((x, y) => x - y)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  });

  it('never goes below 1 ms even when jitter exceeds latency', () => {
    const network = net({ latencyMs: 2, jitterMs: 10 });
    for (let i = 0; i < 500; i++) {
      const { atMs } = delivered(network.route(A, `c${i}`, 0, nextId()));
      expect(atMs).toBeGreaterThanOrEqual(1);
      expect(atMs).toBeLessThanOrEqual(12);
    }
  });

  it('keeps each directed link FIFO', () => {
    const network = net({ latencyMs: 50, jitterMs: 40 });
    let lastMs = Number.NEGATIVE_INFINITY;
    let pushedBack = 0;
    for (let sentAtMs = 0; sentAtMs < 1_000; sentAtMs += 2) {
      const { atMs } = delivered(network.route(A, B, sentAtMs, nextId()));
      expect(atMs).toBeGreaterThanOrEqual(lastMs);
      expect(atMs).toBeGreaterThanOrEqual(sentAtMs + 10);
      if (atMs === lastMs) pushedBack++;
      lastMs = atMs;
    }
    expect(pushedBack).toBeGreaterThan(0);
  });

  it('sends to self in exactly the loopback delay, never lost', () => {
    const network = net({ latencyMs: 100, lossRate: 1 });
    for (let i = 0; i < 10; i++) {
      expect(network.route(A, A, 7, nextId())).toEqual({
        fate: 'deliver',
        atMs: 7 + LOOPBACK_DELAY_MS,
        duplicateAtMs: null,
      });
    }
  });

  it('loses about the configured share, dying half way', () => {
    const network = net({ latencyMs: 20, jitterMs: 0, lossRate: 0.3 });
    let lost = 0;
    const sends = 10_000;
    for (let i = 0; i < sends; i++) {
      const result = network.route(A, B, 100, nextId());
      if (result.fate === 'lost') {
        lost++;
        expect(result.atMs).toBe(110);
      }
    }
    expect(lost / sends).toBeGreaterThan(0.27);
    expect(lost / sends).toBeLessThan(0.33);
  });

  it('loses everything at rate 1 and nothing at rate 0', () => {
    const all = net({ lossRate: 1 });
    const none = net({ lossRate: 0 });
    for (let i = 0; i < 200; i++) {
      expect(all.route(A, B, i, nextId()).fate).toBe('lost');
      expect(none.route(A, B, i, nextId()).fate).toBe('deliver');
    }
  });

  it('duplicates about the configured share, never before the original', () => {
    const network = net({ duplicateRate: 0.2 });
    let duplicates = 0;
    const sends = 10_000;
    for (let i = 0; i < sends; i++) {
      const { atMs, duplicateAtMs } = delivered(network.route(A, B, i * 100, nextId()));
      if (duplicateAtMs === null) continue;
      duplicates++;
      expect(duplicateAtMs).toBeGreaterThanOrEqual(atMs);
      expect(duplicateAtMs).toBeLessThanOrEqual(i * 100 + 25);
    }
    expect(duplicates / sends).toBeGreaterThan(0.18);
    expect(duplicates / sends).toBeLessThan(0.22);
    expect(delivered(net().route(A, B, 0, nextId())).duplicateAtMs).toBeNull();
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const run = (seed: number): RouteResult[] => {
      const network = net({ jitterMs: 10, lossRate: 0.1, duplicateRate: 0.1 }, seed);
      return Array.from({ length: 300 }, (_, i) =>
        network.route(i % 2 ? A : B, i % 3 ? C : CLIENT, i * 7, `m${i}`),
      );
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it("a message's fate depends on its id, not on the order messages are routed in", () => {
    const ids = Array.from({ length: 50 }, (_, i) => `n1#${i}`);
    const fates = (order: readonly string[]) => {
      const network = net({ jitterMs: 10, lossRate: 0.2 }, 9);
      const byId = new Map(order.map((id) => [id, network.route(CLIENT, `c-${id}`, 0, id)]));
      return ids.map((id) => byId.get(id));
    };
    expect(fates([...ids].reverse())).toEqual(fates(ids));
  });

  it('keeps delays unchanged when only the loss or duplication rate changes', () => {
    const routes = (link: Partial<LinkParams>): RouteResult[] => {
      const network = net({ jitterMs: 10, ...link }, 3);
      return Array.from({ length: 200 }, (_, i) => network.route(A, `c${i}`, 0, `m${i}`));
    };
    const plain = routes({}).map((result) => result.atMs);
    expect(routes({ duplicateRate: 0.5 }).map((result) => result.atMs)).toEqual(plain);
    const lossy = routes({ lossRate: 0.5 });
    // Lost messages report where they die; delivered ones keep the very same arrival.
    const keptMs = lossy.flatMap((result, i) => (result.fate === 'deliver' ? [[result.atMs, plain[i]]] : []));
    expect(keptMs.length).toBeGreaterThan(50);
    expect(keptMs.every(([got, want]) => got === want)).toBe(true);
  });
});

describe('NetworkModel.setLink', () => {
  it('changes the defaults for every link', () => {
    const network = net();
    network.setLink({ latencyMs: 100, jitterMs: 0 });
    expect(delivered(network.route(A, B, 0, nextId())).atMs).toBe(100);
    expect(delivered(network.route(CLIENT, C, 0, nextId())).atMs).toBe(100);
    expect(network.describe().defaults).toEqual({ ...DEFAULT_LINK, latencyMs: 100, jitterMs: 0 });
  });

  it('overrides one directed link on top of later default changes', () => {
    const network = net({ jitterMs: 0 });
    network.setLink({ latencyMs: 300 }, A, B);
    expect(delivered(network.route(A, B, 0, nextId())).atMs).toBe(300);
    expect(delivered(network.route(B, A, 0, nextId())).atMs).toBe(20);
    network.setLink({ lossRate: 1 });
    expect(network.route(A, B, 1_000, nextId()).fate).toBe('lost');
    network.setLink({ lossRate: 0 }, A, B);
    expect(delivered(network.route(A, B, 1_000, nextId())).atMs).toBe(1_300);
  });

  it('rejects one endpoint and bad values', () => {
    const network = net();
    expect(() => network.setLink({ latencyMs: 1 }, A)).toThrow();
    expect(() => network.setLink({ lossRate: 1.5 })).toThrow(RangeError);
    expect(() => network.setLink({ latencyMs: -1 }, A, B)).toThrow(RangeError);
    expect(() => network.setLink({ jitterMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('NetworkModel.minDelayMs', () => {
  it('is latency − jitter of the defaults, at least 1', () => {
    expect(net({ latencyMs: 20, jitterMs: 5 }).minDelayMs()).toBe(15);
    expect(net({ latencyMs: 3, jitterMs: 5 }).minDelayMs()).toBe(1);
    expect(net({ latencyMs: 0, jitterMs: 0 }).minDelayMs()).toBe(1);
  });

  it('takes the lowest over every override and follows default changes', () => {
    const network = net({ latencyMs: 20, jitterMs: 5 });
    network.setLink({ latencyMs: 8 }, A, B);
    expect(network.minDelayMs()).toBe(3);
    network.setLink({ latencyMs: 100 }, A, B);
    expect(network.minDelayMs()).toBe(15);
    network.setLink({ jitterMs: 0 });
    expect(network.minDelayMs()).toBe(20);
    network.setLink({ jitterMs: 99 }, B, C);
    expect(network.minDelayMs()).toBe(1);
  });

  it('bounds every drawn delay', () => {
    const network = net({ latencyMs: 30, jitterMs: 12 });
    network.setLink({ latencyMs: 10, jitterMs: 4 }, A, B);
    const boundMs = network.minDelayMs();
    for (let i = 0; i < 1_000; i++) {
      expect(delivered(network.route(A, `c${i}`, 0, nextId())).atMs).toBeGreaterThanOrEqual(boundMs);
      expect(delivered(network.route(A, B, i * 100, nextId())).atMs - i * 100).toBeGreaterThanOrEqual(
        boundMs,
      );
    }
  });
});

describe('NetworkModel reachability', () => {
  it('always reaches itself and everybody by default', () => {
    const network = net();
    network.partition([[A], [B]]);
    network.cut(A, A);
    expect(network.isReachable(A, A)).toBe(true);
    expect(net().isReachable(A, B)).toBe(true);
  });

  it('splits partition groups both ways and leaves unlisted endpoints alone', () => {
    const network = net();
    network.partition([[A, B], [C]]);
    expect(network.isReachable(A, B)).toBe(true);
    expect(network.isReachable(A, C)).toBe(false);
    expect(network.isReachable(C, B)).toBe(false);
    for (const node of [A, B, C]) {
      expect(network.isReachable(CLIENT, node)).toBe(true);
      expect(network.isReachable(node, CLIENT)).toBe(true);
    }
  });

  it('replaces the previous partition but keeps cuts', () => {
    const network = net();
    network.cut(B, C);
    network.partition([[A], [B, C]]);
    network.partition([[A, B], [C]]);
    expect(network.isReachable(A, B)).toBe(true);
    expect(network.isReachable(A, C)).toBe(false);
    network.partition([]);
    expect(network.isReachable(A, C)).toBe(true);
    expect(network.isReachable(B, C)).toBe(false);
  });

  it('rejects an endpoint in two groups', () => {
    expect(() => net().partition([[A, B], [B]])).toThrow();
  });

  it('cuts one direction only, and uncut restores it', () => {
    const network = net();
    network.cut(A, B);
    expect(network.isReachable(A, B)).toBe(false);
    expect(network.isReachable(B, A)).toBe(true);
    network.uncut(A, B);
    network.uncut(A, B);
    expect(network.isReachable(A, B)).toBe(true);
  });

  it('heals partition and cuts but keeps link settings', () => {
    const network = net({ jitterMs: 0 });
    network.setLink({ latencyMs: 70 }, A, B);
    network.partition([[A], [B]]);
    network.cut(C, A);
    network.heal();
    expect(network.isReachable(A, B)).toBe(true);
    expect(network.isReachable(C, A)).toBe(true);
    expect(delivered(network.route(A, B, 0, nextId())).atMs).toBe(70);
    expect(network.describe()).toEqual({
      partition: [],
      cuts: [],
      defaults: { ...DEFAULT_LINK, jitterMs: 0 },
    });
  });

  it('describes the partition and cuts as copies', () => {
    const network = net();
    const groups = [[A, B], [C]];
    network.partition(groups);
    network.cut(A, CLIENT);
    network.cut(C, B);
    const description = network.describe();
    expect(description.partition).toEqual([[A, B], [C]]);
    expect(description.cuts).toEqual([
      [A, CLIENT],
      [C, B],
    ]);
    description.partition[0]?.push('x');
    groups[1]?.push('y');
    expect(network.describe().partition).toEqual([[A, B], [C]]);
  });
});
