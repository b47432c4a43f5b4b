import type { DistroConfig } from '../protocol/config.ts';
import type { Address } from '../protocol/model.ts';
import type { NodeInspection } from '../sim/inspect.ts';
import type { NodeRuntime, WindowBatch, WindowOutcome } from '../sim/runtime.ts';
import type { FromNode, ToNode } from './nodeProtocol.ts';

interface NodeProcess {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly waiting: Map<number, (message: FromNode) => void>;
  /** Set when the worker itself failed (a throw outside a window, a load error). */
  failure: string | null;
  inWorker: boolean;
}

/**
 * Each node in a Web Worker of its own, reached through its own MessageChannel. A window
 * posts every batch at once, so the nodes of a window run in parallel, and waits for all
 * of them; outcomes come back in batch order, which keeps the merge deterministic.
 */
export class WorkerRuntime implements NodeRuntime {
  readonly synchronous = false;
  private readonly processes = new Map<Address, NodeProcess>();
  private nextId = 0;

  constructor(private readonly createWorker: () => Worker) {}

  spawn(address: Address, members: readonly Address[], config: DistroConfig, startMs: number): void {
    const worker = this.createWorker();
    const channel = new MessageChannel();
    const process: NodeProcess = {
      worker,
      port: channel.port1,
      waiting: new Map(),
      failure: null,
      inWorker: false,
    };
    channel.port1.onmessage = (event: MessageEvent<FromNode>) => this.receive(process, event.data);
    worker.onerror = (event) => this.fail(process, event.message || 'the worker failed to run');
    worker.postMessage({ port: channel.port2 }, [channel.port2]);
    const init: ToNode = { type: 'init', address, members, config, startMs };
    channel.port1.postMessage(init);
    this.processes.set(address, process);
  }

  terminate(address: Address): void {
    const process = this.processes.get(address);
    if (!process) return;
    this.processes.delete(address);
    process.port.onmessage = null;
    process.port.close();
    process.worker.terminate();
    // Anyone still waiting learns the process is gone rather than waiting forever.
    for (const resolve of process.waiting.values())
      resolve({ type: 'window', id: -1, outcome: { crashed: 'terminated' } });
    process.waiting.clear();
  }

  runWindow(batches: readonly WindowBatch[]): Promise<readonly WindowOutcome[]> {
    return Promise.all(batches.map((batch) => this.runOne(batch)));
  }

  inspect(address: Address): Promise<NodeInspection | null> {
    const process = this.processes.get(address);
    if (!process) return Promise.resolve(null);
    return this.ask(process, (id) => ({ type: 'inspect', id })).then((answer) =>
      answer.type === 'inspect' ? answer.inspection : null,
    );
  }

  /** Which nodes report running inside a worker (the wiring proof of the minimal page). */
  workerFlags(): Record<Address, boolean> {
    const flags: Record<Address, boolean> = {};
    for (const [address, process] of this.processes) flags[address] = process.inWorker;
    return flags;
  }

  dispose(): void {
    for (const address of [...this.processes.keys()]) this.terminate(address);
  }

  private runOne(batch: WindowBatch): Promise<WindowOutcome> {
    const process = this.processes.get(batch.address);
    if (!process) return Promise.resolve({ crashed: 'no process' });
    if (process.failure) return Promise.resolve({ crashed: process.failure });
    return this.ask(process, (id) => ({ type: 'window', id, batch })).then((answer) =>
      answer.type === 'window' ? answer.outcome : { crashed: 'unexpected answer' },
    );
  }

  private ask(process: NodeProcess, message: (id: number) => ToNode): Promise<FromNode> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      process.waiting.set(id, resolve);
      process.port.postMessage(message(id));
    });
  }

  private receive(process: NodeProcess, message: FromNode): void {
    if (message.type === 'ready') {
      process.inWorker = message.inWorker;
      return;
    }
    const resolve = process.waiting.get(message.id);
    process.waiting.delete(message.id);
    resolve?.(message);
  }

  private fail(process: NodeProcess, reason: string): void {
    process.failure = reason;
    for (const resolve of process.waiting.values())
      resolve({ type: 'window', id: -1, outcome: { crashed: reason } });
    process.waiting.clear();
  }
}
