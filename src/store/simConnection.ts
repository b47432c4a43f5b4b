import * as Comlink from 'comlink';
import type { SimApi } from '../workers/simWorker.ts';

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
  const url = new URL('../workers/simWorker.ts', import.meta.url);
  if (runtime === 'in-process') url.searchParams.set('runtime', 'in-process');
  const worker = new Worker(url, { type: 'module', name: 'distro-sim' });
  const api = Comlink.wrap<SimApi>(worker);
  return {
    api,
    close() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
