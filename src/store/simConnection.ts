import * as Comlink from 'comlink';
import type { SimApi } from '../workers/simWorker.ts';

/** A sim worker with this name keeps every node in its own thread (for comparison runs). */
export const IN_PROCESS_WORKER_NAME = 'distro-sim-in-process';

/** The page's handle on the sim worker. */
export interface SimConnection {
  readonly api: Comlink.Remote<SimApi>;
  /** Ends the sim worker and, with it, every node worker. */
  close(): void;
}

/**
 * Starts a sim worker. One per page: React StrictMode mounts effects twice in development,
 * so the caller must close the connection its cleanup receives, and nothing leaks.
 */
export function connectSim(runtime: 'workers' | 'in-process' = 'workers'): SimConnection {
  // The worker's name carries the runtime choice: Vite bundles a worker only when the URL
  // is written inline in `new Worker(new URL(…, import.meta.url))`.
  const name = runtime === 'in-process' ? IN_PROCESS_WORKER_NAME : 'distro-sim';
  const worker = new Worker(new URL('../workers/simWorker.ts', import.meta.url), { type: 'module', name });
  const api = Comlink.wrap<SimApi>(worker);
  return {
    api,
    close() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
