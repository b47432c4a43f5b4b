import { createWorld } from '../src/sim/world.ts';

/** One benchmark case: a cluster and the instances its clients register. */
export interface BenchCase {
  readonly name: string;
  readonly nodeCount: number;
  readonly serviceCount: number;
  readonly instanceCount: number;
  /** Virtual time to simulate. */
  readonly durationMs: number;
}

export interface BenchFigures {
  readonly name: string;
  readonly events: number;
  readonly wallMs: number;
  readonly eventsPerSecond: number;
  /** Virtual ms per wall ms: 40 means forty times faster than real time. */
  readonly speedup: number;
  readonly peakHeapMb: number;
}

/** Registrations are spread over the first 10 s, as a fleet of clients starting up would be. */
const REGISTER_SPREAD_MS = 10_000;
const HEAP_SAMPLE_EVERY_MS = 60_000;

export function runInProcess(benchCase: BenchCase, seed = 1): BenchFigures {
  const world = createWorld({ seed, nodeCount: benchCase.nodeCount });
  let peakHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < benchCase.instanceCount; i++) {
    world.runUntil(Math.floor((i * REGISTER_SPREAD_MS) / benchCase.instanceCount));
    world.register(`c${i}`, {
      serviceName: `svc-${i % benchCase.serviceCount}`,
      ip: `10.${1 + Math.floor(i / 65_536)}.${Math.floor(i / 256) % 256}.${i % 256}`,
      port: 8080,
    });
  }
  for (let t = HEAP_SAMPLE_EVERY_MS; t <= benchCase.durationMs; t += HEAP_SAMPLE_EVERY_MS) {
    world.runUntil(t);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  world.runUntil(benchCase.durationMs);
  const wallMs = performance.now() - started;
  return {
    name: benchCase.name,
    events: world.eventCount,
    wallMs,
    eventsPerSecond: world.eventCount / (wallMs / 1000),
    speedup: benchCase.durationMs / wallMs,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}
