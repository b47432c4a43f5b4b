/// <reference lib="webworker" />
import { inspectNode } from '../sim/inspect.ts';
import { NodeHost } from '../sim/nodeHost.ts';
import type { FromNode, ToNode } from './nodeProtocol.ts';

/**
 * A node worker: one Distro node behind one MessagePort. A thin shell: the node is the
 * same NodeHost the in-process runtime uses; this file only carries messages.
 */
let host: NodeHost | null = null;

self.onmessage = (event: MessageEvent<{ port: MessagePort }>) => {
  const port = event.data.port;
  port.onmessage = (message: MessageEvent<ToNode>) => port.postMessage(handle(message.data));
  port.start();
};

function handle(message: ToNode): FromNode {
  switch (message.type) {
    case 'init':
      host = new NodeHost(message.address, message.members, message.config, message.startMs);
      return { type: 'ready', address: message.address, inWorker: typeof WorkerGlobalScope !== 'undefined' };
    case 'window': {
      const { batch } = message;
      try {
        const outcome = host!.runWindow(batch.inbound, batch.startMs, batch.endMs);
        return { type: 'window', id: message.id, outcome };
      } catch (error) {
        return {
          type: 'window',
          id: message.id,
          outcome: { crashed: error instanceof Error ? error.message : String(error) },
        };
      }
    }
    case 'inspect':
      return {
        type: 'inspect',
        id: message.id,
        inspection: host ? inspectNode(host.nodeState, host.timers(), host.clockMs) : null,
      };
  }
}
