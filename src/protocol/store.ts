import { armBeatCheckIfOwner } from './beatSchedule.ts';
import { datumChecksum, serviceStatusChecksum } from './checksum.ts';
import { distroHash } from './javaHash.ts';
import {
  type Datum,
  ephemeralKey,
  type Instance,
  instanceAddress,
  namespaceOfKey,
  serviceNameOfKey,
} from './model.ts';
import { PairMemo } from './pairMemo.ts';
import type { ServiceState } from './state.ts';
import { type Step, trace } from './stepContext.ts';

/**
 * The Service for a key, created on first use like ServiceManager.createEmptyService.
 * Creating it starts its beat check (HealthCheckReactor.scheduleCheck; see beatCheck.ts).
 */
export function serviceFor(step: Step, key: string): ServiceState {
  const existing = step.state.services.get(key);
  if (existing) return existing;
  const service: ServiceState = {
    key,
    namespace: namespaceOfKey(key),
    groupedName: serviceNameOfKey(key),
    tagHash: distroHash(serviceNameOfKey(key)),
    instances: new Map(),
    hasDatum: false,
    checksum: null,
    statusChecksum: null,
    createdAtMs: step.nowMs,
    beatCheckArmed: false,
  };
  step.state.services.set(key, service);
  armBeatCheckIfOwner(step, service);
  return service;
}

const serviceKeys = new PairMemo<string>(ephemeralKey);

export function serviceKey(namespace: string, groupedName: string): string {
  return serviceKeys.get(namespace, groupedName);
}

/**
 * Replaces a service's instances and records every visible change: an instance that
 * appears is `added` (healthy), then `unhealthy` if it arrived unhealthy.
 */
export function replaceInstances(step: Step, service: ServiceState, next: Map<string, Instance>): void {
  const previous = service.instances;
  for (const address of previous.keys()) {
    if (!next.has(address)) recordChange(step, service, address, 'removed');
  }
  for (const [address, instance] of next) {
    const before = previous.get(address);
    if (!before) {
      recordChange(step, service, address, 'added');
      if (!instance.healthy) recordChange(step, service, address, 'unhealthy');
    } else if (before.healthy !== instance.healthy) {
      recordChange(step, service, address, instance.healthy ? 'healthy' : 'unhealthy');
    }
  }
  service.instances = next;
  service.hasDatum = true;
  invalidateChecksums(service);
}

/** Flips one instance's health flag in place (beat check, beat, status channel). */
export function setHealthy(step: Step, service: ServiceState, instance: Instance, healthy: boolean): void {
  if (instance.healthy === healthy) return;
  instance.healthy = healthy;
  invalidateChecksums(service);
  recordChange(step, service, instanceAddress(instance), healthy ? 'healthy' : 'unhealthy');
}

/** onRemove(key): the Datum is deleted and the service loses every instance; the Service stays. */
export function removeDatum(step: Step, service: ServiceState): void {
  replaceInstances(step, service, new Map());
  service.hasDatum = false;
}

/**
 * A Datum from a peer (sync push, verify pull or snapshot) replaces the local one.
 * Cluster.updateIps keeps the local `healthy` of instances that already exist unless they
 * are marked; new instances keep the sender's flag (reference §6.3).
 */
export function applyRemoteDatum(step: Step, datum: Datum): void {
  const service = serviceFor(step, datum.key);
  const next = new Map<string, Instance>();
  for (const incoming of datum.instances) {
    const address = instanceAddress(incoming);
    const local = service.instances.get(address);
    const healthy = local && !incoming.marked ? local.healthy : incoming.healthy;
    // Metadata objects are never changed in place (a write brings new ones), so they are shared.
    next.set(address, { ...incoming, healthy });
  }
  replaceInstances(step, service, next);
}

/** The Datum as it would be serialised now (a copy: the receiver must not share objects). */
export function datumOf(service: ServiceState): Datum {
  const instances = [...service.instances.values()].map((i) => ({ ...i }));
  return { key: service.key, instances };
}

export function checksumOf(service: ServiceState): string {
  service.checksum ??= datumChecksum([...service.instances.values()]);
  return service.checksum;
}

export function statusChecksumOf(service: ServiceState): string {
  service.statusChecksum ??= serviceStatusChecksum(service.groupedName, [...service.instances.values()]);
  return service.statusChecksum;
}

function invalidateChecksums(service: ServiceState): void {
  service.checksum = null;
  service.statusChecksum = null;
}

function recordChange(
  step: Step,
  service: ServiceState,
  address: string,
  change: 'added' | 'unhealthy' | 'healthy' | 'removed',
): void {
  trace(step, {
    type: 'instance',
    observer: step.state.self,
    service: service.groupedName,
    instance: address,
    change,
  });
}
