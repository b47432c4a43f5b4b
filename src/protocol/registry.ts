import type { BeatInfo, BeatResponse, InstanceParams, InstanceRef } from './messages.ts';
import { addressOf, type Instance, instanceIdOf, PRESERVED_BEAT_INTERVAL, preservedMs } from './model.ts';
import type { ServiceState } from './state.ts';
import { note, type Step } from './stepContext.ts';
import { replaceInstances, serviceFor, serviceKey, setHealthy } from './store.ts';
import { syncToAll } from './syncEngine.ts';

/**
 * The owner's register (ServiceManager.registerInstance → addInstance → put): the new
 * instance, beating from now, replaces any with the same ip:port; the Datum is stored and
 * a push to every other member is queued. The client is answered before replication.
 */
export function registerInstance(step: Step, params: InstanceParams): void {
  const service = serviceFor(step, serviceKey(params.namespace, params.groupedName));
  const address = addressOf(params.ip, params.port);
  const existing = service.instances.get(address);
  const instance: Instance = {
    ip: params.ip,
    port: params.port,
    clusterName: params.clusterName,
    weight: params.weight,
    enabled: params.enabled,
    metadata: { ...params.metadata },
    instanceId:
      existing?.instanceId ?? instanceIdOf(params.ip, params.port, params.clusterName, params.groupedName),
    healthy: params.healthy,
    lastBeatMs: step.nowMs,
    marked: false,
  };
  put(step, service, new Map(service.instances).set(address, instance));
}

/** removeInstance: a CHANGE put of the reduced list (1.x has no instance DELETE). */
export function deregisterInstance(step: Step, ref: InstanceRef): void {
  const service = step.state.services.get(serviceKey(ref.namespace, ref.groupedName));
  const address = addressOf(ref.ip, ref.port);
  if (!service?.instances.has(address)) return; // "ok" even when there is nothing to remove
  const next = new Map(service.instances);
  next.delete(address);
  put(step, service, next);
}

function put(step: Step, service: ServiceState, instances: Map<string, Instance>): void {
  replaceInstances(step, service, instances);
  syncToAll(step, service.key);
}

/**
 * InstanceController.beat on the owner. An unknown instance gets 20404 for a light beat
 * and is re-created from a full beat's body (replicated). A known one gets a fresh
 * lastBeat and is healthy again; neither is replicated.
 */
export function processBeat(step: Step, ref: InstanceRef, beat: BeatInfo | null): BeatResponse {
  const config = step.state.config;
  const key = serviceKey(ref.namespace, ref.groupedName);
  const address = addressOf(ref.ip, ref.port);
  if (!step.state.services.get(key)?.instances.has(address)) {
    if (!beat) {
      note(
        step,
        'beatNotFound',
        `light beat for unknown ${ref.groupedName} ${address}: 20404, the client must register again`,
      );
      return { clientBeatInterval: config.clientBeatIntervalMs, code: 20404 };
    }
    registerInstance(step, paramsFromBeat(ref.namespace, beat));
  }
  const service = step.state.services.get(key)!;
  const instance = service.instances.get(address)!;
  instance.lastBeatMs = step.nowMs;
  if (!instance.marked) setHealthy(step, service, instance, true);
  // An instance may ask for its own beat period through preserved metadata.
  const clientBeatInterval = preservedMs(instance, PRESERVED_BEAT_INTERVAL, config.clientBeatIntervalMs);
  return { clientBeatInterval, code: 10200, lightBeatEnabled: config.lightBeatEnabled };
}

function paramsFromBeat(namespace: string, beat: BeatInfo): InstanceParams {
  return {
    namespace,
    groupedName: beat.groupedName,
    ip: beat.ip,
    port: beat.port,
    clusterName: beat.clusterName,
    weight: beat.weight,
    enabled: true,
    healthy: true,
    metadata: beat.metadata,
  };
}
