import { parseScenario } from '../scenarios/parse.ts';
import { connectSim } from '../store/simConnection.ts';

/** What one scenario run in the browser produced. */
export interface LabRun {
  readonly digest: string;
  readonly events: number;
  readonly nowMs: number;
  /** Wall ms of the whole run, load included. */
  readonly wallMs: number;
  readonly workerFlags: Record<string, boolean>;
}

/** Wall time of a timed segment of a run, for the benchmark's speed figures. */
export interface LabTiming {
  readonly events: number;
  readonly virtualMs: number;
  readonly wallMs: number;
}

/**
 * `window.lab`: the automation surface of lab.html, for the trace-equality tests and the
 * browser benchmarks. Each call starts its own sim worker and ends it afterwards.
 */
const lab = {
  /** Runs a scenario (JSON text) to its end in the chosen runtime and returns its trace digest. */
  async runScenario(text: string, runtime: 'workers' | 'in-process'): Promise<LabRun> {
    const parsed = parseScenario(text, 'scenario');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const connection = connectSim(runtime);
    try {
      const started = performance.now();
      await connection.api.loadScenario(parsed.scenario);
      const wallMs = performance.now() - started;
      const stats = await connection.api.stats();
      return {
        digest: await connection.api.traceDigest(),
        events: stats.events,
        nowMs: stats.nowMs,
        wallMs,
        workerFlags: await connection.api.workerFlags(),
      };
    } finally {
      connection.close();
    }
  },

  /** Loads a scenario up to `warmupMs`, then times the run from there to `endMs`. */
  async timeScenario(
    text: string,
    runtime: 'workers' | 'in-process',
    warmupMs: number,
    endMs: number,
  ): Promise<LabTiming> {
    const parsed = parseScenario(text, 'scenario');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const connection = connectSim(runtime);
    try {
      await connection.api.loadScenario(parsed.scenario, warmupMs);
      const before = await connection.api.stats();
      const started = performance.now();
      await connection.api.runUntil(endMs);
      const wallMs = performance.now() - started;
      const after = await connection.api.stats();
      return { events: after.events - before.events, virtualMs: after.nowMs - before.nowMs, wallMs };
    } finally {
      connection.close();
    }
  },

  /** Starts `nodeCount` node workers and waits until every one has answered its first window. */
  async spawnTiming(nodeCount: number, keepOpen = false): Promise<{ wallMs: number; inWorker: number }> {
    const connection = connectSim('workers');
    // The sim worker itself is up first (in the app it is, long before a node is added):
    // the figure is the node workers' start, from spawning to every one's first answer.
    await connection.api.workerFlags();
    const started = performance.now();
    await connection.api.reset({ seed: 1, nodeCount });
    // The first window carries every node's start input, so it waits for every worker.
    await connection.api.runUntil(1);
    const wallMs = performance.now() - started;
    const flags = await connection.api.workerFlags();
    if (!keepOpen) connection.close();
    return { wallMs, inWorker: Object.values(flags).filter(Boolean).length };
  },
};

declare global {
  interface Window {
    lab: typeof lab;
  }
}

window.lab = lab;
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
