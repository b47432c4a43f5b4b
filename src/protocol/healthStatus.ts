import { isResponsibleForHash } from './mapper.ts';
import { emptyDigest } from './messages.ts';
import { type Step, sendOneWay, sendRequest, setTimer } from './stepContext.ts';
import { setHealthy, statusChecksumOf } from './store.ts';

export const SERVICE_STATUS_TIMER = 'serviceStatus';

/**
 * ServiceReporter (1.x): health flags travel on their own channel. Every interval (first
 * run a minute after start) the owner sends the status checksum of each non-empty service
 * it owns to every other member.
 */
export function runServiceStatusReport(step: Step): void {
  const state = step.state;
  setTimer(step, SERVICE_STATUS_TIMER, step.nowMs + state.config.serviceStatusIntervalMs);
  const checksums = emptyDigest();
  let count = 0;
  for (const service of state.services.values()) {
    if (service.instances.size === 0 || !isResponsibleForHash(state, service.tagHash)) continue;
    checksums[service.key] = statusChecksumOf(service);
    count += 1;
  }
  if (count === 0) return;
  for (const peer of state.peers) sendOneWay(step, peer, { type: 'SERVICE_STATUS', checksums });
}

/** ServiceController.serviceStatus: ask the sender for the flags of every service that differs. */
export function receiveServiceStatus(
  step: Step,
  source: string,
  checksums: Readonly<Record<string, string>>,
): void {
  const state = step.state;
  for (const key in checksums) {
    const checksum = checksums[key]!;
    const service = state.services.get(key);
    if (!service) continue;
    if (statusChecksumOf(service) === checksum) continue;
    sendRequest(step, source, { type: 'STATUSES_QUERY', key }, state.config.serviceStatusPullTimeoutMs, {
      kind: 'statuses',
      source,
      key,
    });
  }
}

/** GET /instance/statuses: `ip:port_healthy` for every instance of the service. */
export function statusesOf(step: Step, key: string): string[] {
  const service = step.state.services.get(key);
  if (!service) return [];
  return [...service.instances.values()].map((i) => `${i.ip}:${i.port}_${i.healthy}`);
}

/** ServiceUpdater.updatedHealthStatus: copy the owner's flags onto the matching local instances. */
export function applyStatuses(step: Step, key: string, ips: readonly string[]): void {
  const service = step.state.services.get(key);
  if (!service) return;
  for (const entry of ips) {
    const at = entry.lastIndexOf('_');
    const instance = service.instances.get(entry.slice(0, at));
    if (instance && !instance.marked) setHealthy(step, service, instance, entry.slice(at + 1) === 'true');
  }
}
