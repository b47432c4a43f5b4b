/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { InProcessRuntime } from '../sim/inProcessRuntime.ts';
import { SimService } from './simService.ts';
import { WorkerRuntime } from './workerRuntime.ts';

/**
 * The sim worker: the scheduler, network and clients, behind comlink. Node workers are
 * created from here, one per node. A worker named `distro-sim-in-process` keeps the nodes
 * in this worker instead (for comparison runs).
 */
const inProcess = self.name === 'distro-sim-in-process';
const runtime = inProcess
  ? null
  : new WorkerRuntime(() => new Worker(new URL('./nodeWorker.ts', import.meta.url), { type: 'module' }));
const service = new SimService(
  () => (inProcess ? new InProcessRuntime() : runtime!),
  inProcess ? 'in-process' : 'workers',
);

/** What the page may call; comlink proxies every method as async. */
export const simApi = {
  reset: service.reset.bind(service),
  loadScenario: service.loadScenario.bind(service),
  startScenario: service.startScenario.bind(service),
  takeOver: service.takeOver.bind(service),
  stats: service.stats.bind(service),
  advance: service.advance.bind(service),
  stepEvent: service.stepEvent.bind(service),
  runUntil: service.runUntil.bind(service),
  act: service.act.bind(service),
  inspect: service.inspect.bind(service),
  seek: service.seek.bind(service),
  recording: service.recording.bind(service),
  traceDigest: service.traceDigest.bind(service),
  workerFlags: () => runtime?.workerFlags() ?? {},
};

export type SimApi = typeof simApi;

Comlink.expose(simApi);
