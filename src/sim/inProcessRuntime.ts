import type { DistroConfig } from '../protocol/config.ts';
import type { Address } from '../protocol/model.ts';
import { inspectNode, type NodeInspection } from './inspect.ts';
import { NodeHost } from './nodeHost.ts';
import type { NodeRuntime, WindowBatch, WindowOutcome } from './runtime.ts';

/** Every node in this thread: the fastest runtime, used by tests, the CLI and benchmarks. */
export class InProcessRuntime implements NodeRuntime {
  readonly synchronous = true;
  private readonly hosts = new Map<Address, NodeHost>();
  private readonly outcomes: WindowOutcome[] = [];

  spawn(address: Address, members: readonly Address[], config: DistroConfig, startMs: number): void {
    this.hosts.set(address, new NodeHost(address, members, config, startMs));
  }

  terminate(address: Address): void {
    this.hosts.delete(address);
  }

  runWindow(batches: readonly WindowBatch[]): readonly WindowOutcome[] {
    const outcomes = this.outcomes;
    if (outcomes.length !== 0) outcomes.length = 0;
    for (const batch of batches) {
      const host = this.hosts.get(batch.address);
      if (!host) throw new Error(`no process for ${batch.address}`);
      outcomes.push(host.runWindow(batch.inbound, batch.startMs, batch.endMs));
    }
    return outcomes;
  }

  inspect(address: Address): NodeInspection | null {
    const host = this.hosts.get(address);
    return host ? inspectNode(host.nodeState, host.timers(), host.clockMs) : null;
  }

  /** The live host, for the in-process views the checkers read. */
  host(address: Address): NodeHost | undefined {
    return this.hosts.get(address);
  }

  dispose(): void {
    this.hosts.clear();
  }
}
